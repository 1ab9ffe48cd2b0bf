"""Reads a tagged PDF's structure tree with pikepdf and checks its links both ways: each
element's /P is the node whose /K holds it, and the parent tree names, for every marked content
of every page and every annotation, the element that holds it; every marked content the pages'
content streams hold is held by an element, and no kid is null. Prints counts as JSON.

With --break OUT, writes a copy with one element's /P and one parent-tree entry pointing at
the wrong element instead (to show that the counts see it)."""

import json
import sys

import pikepdf


def kids(node):
    k = node.get("/K")
    if k is None:
        return [None] if "/K" in node else []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def marked_contents(pdf):
    """(page, mcid) of every marked-content sequence with an MCID in the pages' content."""
    found = set()
    for index, page in enumerate(pdf.pages):
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) == "BDC" and len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary):
                if "/MCID" in operands[1]:
                    found.add((index, int(operands[1].MCID)))
    return found


def break_copy(path, out):
    pdf = pikepdf.open(path)
    root = pdf.Root.StructTreeRoot
    document = kids(root)[0]
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/TD":
            obj.P = document
            break
    tree = root.ParentTree
    for i in range(1, len(tree.Nums), 2):
        entries = tree.Nums[i]
        if isinstance(entries, pikepdf.Array):
            for j in range(len(entries)):
                if isinstance(entries[j], pikepdf.Dictionary):
                    entries[j] = document
                    pdf.save(out)
                    return


def number_tree(node, into):
    """The entries of a number tree (ISO 32000 7.9.7), leaves and intermediate nodes."""
    nums = node.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums), 2):
            into[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        number_tree(kid, into)
    return into


def main(path):
    pdf = pikepdf.open(path)
    root = pdf.Root.StructTreeRoot
    page_of = {page.objgen: index for index, page in enumerate(pdf.pages)}
    holders = {}  # (page, mcid) -> the element holding it
    annotation_holders = {}  # annotation -> the element holding it
    counts = {"elements": 0, "wrongParent": 0, "contentsHeldTwice": 0, "nullKids": 0}

    stack = [(kid, root) for kid in reversed(kids(root))]
    while stack:
        element, parent = stack.pop()
        counts["elements"] += 1
        if "/P" not in element or element.P.objgen != parent.objgen:
            counts["wrongParent"] += 1
        page = page_of.get(element.Pg.objgen) if "/Pg" in element else None
        children = []
        for kid in kids(element):
            if kid is None:  # pikepdf reads a null kid, or /K null, as None
                counts["nullKids"] += 1
                continue
            if isinstance(kid, int):
                key = (page, kid)
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                annotation_holders[kid.Obj.objgen] = element.objgen
                continue
            elif isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid:
                key = (page_of.get(kid.Pg.objgen) if "/Pg" in kid else page, int(kid.MCID))
            else:
                children.append((kid, element))
                continue
            if key in holders:
                counts["contentsHeldTwice"] += 1
            holders[key] = element.objgen
        stack += reversed(children)

    marked = marked_contents(pdf)
    tree = number_tree(root.ParentTree, {})
    wrong = missing = 0
    named = set()
    for index, page in enumerate(pdf.pages):
        if "/StructParents" not in page:
            continue
        array = tree.get(int(page.StructParents))
        for mcid, ref in enumerate(array if array is not None else []):
            if isinstance(ref, pikepdf.Dictionary):
                named.add((index, mcid))
                if holders.get((index, mcid)) != ref.objgen:
                    wrong += 1
    missing = len(set(holders) - named)
    annotations = annotation_wrong = unparented = 0
    for page in pdf.pages:
        for annotation in page.get("/Annots", []):
            if "/StructParent" not in annotation:
                unparented += 1
                continue
            annotations += 1
            ref = tree.get(int(annotation.StructParent))
            if ref is None or annotation_holders.get(annotation.objgen) != ref.objgen:
                annotation_wrong += 1
    counts.update(
        {
            "contents": len(holders),
            "parentTreeWrong": wrong,
            "parentTreeMissing": missing,
            "annotations": annotations,
            "annotationParentWrong": annotation_wrong,
            "annotationsWithoutParent": unparented,
            "markedInPages": len(marked),
            "markedNotHeld": len(marked - set(holders)),
        }
    )
    json.dump(counts, sys.stdout)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[2] == "--break":
        break_copy(sys.argv[1], sys.argv[3])
    else:
        main(sys.argv[1])
