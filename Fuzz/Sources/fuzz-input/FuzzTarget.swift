import Foundation
import ReportInput

/// The reader a run fuzzes, from `THAIREPORT_FUZZ_TARGET` (set by scripts/fuzz).
let readers: [String: @Sendable (String) -> [Diagnostic]] = [
    "data": { InputCheck.dataFile($0) },
    "template": { InputCheck.template($0) },
    "csv": { InputCheck.checklistCSV($0) },
    "placeholders": { InputCheck.placeholders($0) },
    "html": { HTMLEscaping.check($0) },
]
let reader = readers[ProcessInfo.processInfo.environment["THAIREPORT_FUZZ_TARGET"] ?? ""]

/// libFuzzer entry point: any bytes, read as the input the chosen reader takes. A crash, a hang
/// or a sanitizer report is a finding; diagnostics are the expected outcome for bad input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let reader else { fatalError("set THAIREPORT_FUZZ_TARGET to one of \(readers.keys.sorted())") }
    _ = reader(String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self))
    return 0
}

/// SwiftPM names an executable's entry point after its module; hand it to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32

@_cdecl("fuzz_input_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, fuzz)
}
