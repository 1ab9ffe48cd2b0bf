import CFastPrintf
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc

    /// The fast path against glibc's own `vsnprintf`: every format Cairo prints numbers with,
    /// over values chosen to find rounding and padding mistakes.
    @Suite struct FastPrintfTests {
        /// A small deterministic generator (SplitMix64), so a failure repeats.
        struct Values {
            var state: UInt64
            mutating func next() -> UInt64 {
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                return z ^ (z >> 31)
            }
        }

        /// What the fast path writes, or nil where it leaves the format to glibc.
        func fast(_ format: String, _ arguments: [any CVarArg], size: Int = 512) -> String? {
            var buffer = [CChar](repeating: 0x7F, count: size)
            let length = withVaList(arguments) { thaireport_fast_vformat(&buffer, size, format, $0) }
            guard length >= 0 else { return nil }
            let text = String(cString: buffer)
            #expect(text.utf8.count == Int(length), "\(format): length \(length) for \(text)")
            return text
        }

        func glibc(_ format: String, _ arguments: [any CVarArg], size: Int = 512) -> String {
            var buffer = [CChar](repeating: 0x7F, count: size)
            _ = withVaList(arguments) { vsnprintf(&buffer, size, format, $0) }
            return String(cString: buffer)
        }

        /// Values a page's numbers take (positions, sizes, deltas), values of every magnitude
        /// from their bits, and values whose rounding is a tie at some precision.
        func doubles(count: Int) -> [Double] {
            var values = Values(state: 2564)
            var result: [Double] = [0, -0.0, 0.5, 1.5, 2.5, -0.5, 0.125, 0.0078125, 1e-7, 5e-7, -5e-7, 0.1, 0.099999]
            result += [Double.leastNonzeroMagnitude, Double.leastNormalMagnitude, 9.2233720368547748e18, 9.2e18]
            for _ in 0..<count {
                let bits = values.next()
                switch bits % 5 {
                case 0: result.append(Double(bitPattern: values.next()))
                case 1: result.append((Double(Int64(bitPattern: values.next()) % 4_000_000) / 1000.0))
                case 2:
                    // Odd multiples of 2^-k: a tie at k decimals or fewer.
                    let k = Int(values.next() % 30) + 1
                    let odd = Double((values.next() % 100_000) | 1)
                    result.append((bits & 8 == 0 ? 1 : -1) * odd / Double(1 << k))
                case 3: result.append(Double(Int64(bitPattern: values.next()) % 100_000) * 1e-9)
                default:
                    let exponent = Int(values.next() % 80) - 60
                    result.append(Double(values.next() % 1_000_000) * pow(2.0, Double(exponent)))
                }
            }
            return result
        }

        @Test func numbersOfFixedPointAreGlibcs() {
            var handled = 0
            for value in doubles(count: 60_000) {
                var cases: [(String, [any CVarArg])] = [("%f", [value]), ("%.18f", [value])]
                for precision in [0, 1, 3, 6, 9, 12, 17, 18] { cases.append(("%.*f", [Int32(precision), value])) }
                for (format, arguments) in cases {
                    let expected = glibc(format, arguments)
                    if let got = fast(format, arguments) {
                        handled += 1
                        #expect(got == expected, "\(format) of \(value.bitPattern)")
                    } else {
                        // Left to glibc only where it is not finite or too large.
                        #expect(!value.isFinite || abs(value) >= 0x1p63, "\(format) of \(value) left to glibc")
                    }
                }
            }
            #expect(handled > 400_000)
        }

        @Test func integersAreGlibcs() {
            var values = Values(state: 2568)
            var ints: [Int64] = [0, 1, -1, 9, 10, -10, Int64(Int32.max), Int64(Int32.min), .max, .min]
            for _ in 0..<50_000 {
                let bits = values.next()
                ints.append(
                    bits % 3 == 0 ? Int64(bitPattern: values.next()) : Int64(bitPattern: values.next()) >> (bits % 60))
            }
            for value in ints {
                let int32 = Int32(truncatingIfNeeded: value)
                let uint32 = UInt32(truncatingIfNeeded: value)
                var cases: [(String, [any CVarArg])] = [
                    ("%d", [int32]), ("%i", [int32]), ("%u", [uint32]), ("%x", [uint32]), ("%X", [uint32]),
                    ("%04x", [uint32]), ("%02x", [uint32]), ("%04X", [uint32]), ("%8d", [int32]),
                    ("%05d", [int32]), ("%ld", [Int(value)]), ("%010ld", [Int(value)]),
                    ("%lu", [UInt(bitPattern: Int(value))]), ("%lx", [UInt(bitPattern: Int(value))]),
                ]
                for width in [0, 1, 2, 4, 6, 12] { cases.append(("%0*x", [Int32(width), uint32])) }
                for (format, arguments) in cases {
                    #expect(fast(format, arguments) == glibc(format, arguments), "\(format) of \(value)")
                }
            }
        }

        @Test func otherFormatsAreLeftToGlibc() {
            let left: [(String, [any CVarArg])] = [
                ("%s", ["text"]), ("%5.2f", [1.5]), ("%+d", [Int32(3)]), ("%-5d", [Int32(3)]), ("% d", [Int32(3)]),
                ("%e", [1.5]), ("%g", [1.5]), ("%lld", [Int64(3)]), ("%.3d", [Int32(3)]), ("%#x", [UInt32(3)]),
                ("CairoFont-%d-%d", [Int32(1), Int32(2)]), ("%d%%", [Int32(3)]), ("%", []), ("", []),
                ("%.19f", [1.5]), ("%0*x", [Int32(-4), UInt32(3)]), ("%.*f", [Int32(-1), 1.5]),
                ("%f", [Double.nan]), ("%f", [Double.infinity]), ("%99d", [Int32(3)]), ("%08f", [1.5]),
            ]
            for (format, arguments) in left {
                #expect(fast(format, arguments) == nil, "\(format)")
            }
        }

        @Test func aNumberThatDoesNotFitIsLeftToGlibc() {
            #expect(fast("%d", [Int32(12345)], size: 5) == nil)
            #expect(fast("%d", [Int32(1234)], size: 5) == "1234")
            #expect(fast("%f", [1.5], size: 8) == nil)
            #expect(fast("%f", [1.5], size: 9) == "1.500000")
            #expect(fast("%d", [Int32(1)], size: 0) == nil)
        }

        /// Cairo's calls reach the fast path only if the process exports it: the test binary,
        /// like the command, links this module into the executable. Under a sanitizer
        /// (`scripts/sanitizers`) the module stands aside for the sanitizer's own printf.
        @Test func cairosCallsReachTheFastPath() {
            #expect(thaireport_fast_printf_is_bound() == (thaireport_fast_printf_under_sanitizer() == 1 ? 0 : 1))
        }

        /// What `call` writes into a buffer of `size` bytes and returns; the buffer is left
        /// as it was where `size` is 0.
        func written(size: Int, _ call: (UnsafeMutablePointer<CChar>, Int) -> Int32) -> (text: String, length: Int32) {
            var buffer = [CChar](repeating: 0x7F, count: size + 1)
            buffer[size] = 0
            let length = buffer.withUnsafeMutableBufferPointer { call($0.baseAddress!, size) }
            return (String(cString: buffer), length)
        }

        /// Through `__snprintf_chk` itself, as Cairo calls it: what the fast path takes and
        /// what it hands to glibc after reading some arguments (a negative `*` width or
        /// precision), values it leaves (NaN, 1e300), a buffer too small and none at all, give
        /// glibc's bytes and glibc's return value.
        @Test func cairosWayInGivesGlibcsBytesAndLength() {
            let ints: [(String, Int32, Int)] = [
                ("%d", 42, 512), ("%d", Int32.min, 512), ("%d", 123_456, 4), ("%d", 5, 0), ("%04x", 0xAB, 512),
            ]
            for (format, value, size) in ints {
                let got = written(size: size) { thaireport_snprintf_int($0, $1, format, value) }
                let expected = written(size: size) { p, n in withVaList([value]) { vsnprintf(p, n, format, $0) } }
                #expect(got == expected, "\(format) of \(value) in \(size) bytes")
            }
            let starred: [(String, Int32, Int32)] = [("%0*x", 4, 0xAB), ("%0*x", -4, 0xAB), ("%0*x", 70, 1)]
            for (format, star, value) in starred {
                let got = written(size: 512) { thaireport_snprintf_star_int($0, $1, format, star, value) }
                let expected = written(size: 512) { p, n in withVaList([star, value]) { vsnprintf(p, n, format, $0) } }
                #expect(got == expected, "\(format) of \(star), \(value)")
            }
            let doubles: [(String, Double, Int)] = [
                ("%f", 1.5, 512), ("%f", -Double.nan, 512), ("%f", 1e300, 512), ("%.18f", 0.0123, 512),
                ("%f", 1234.5678, 6), ("%f", 1.5, 0),
            ]
            for (format, value, size) in doubles {
                let got = written(size: size) { thaireport_snprintf_double($0, $1, format, value) }
                let expected = written(size: size) { p, n in withVaList([value]) { vsnprintf(p, n, format, $0) } }
                #expect(got == expected, "\(format) of \(value) in \(size) bytes")
            }
            for (star, value) in [(Int32(3), 2.0005), (-1, 1.5), (19, 0.1), (0, 2.5)] {
                let got = written(size: 512) { thaireport_snprintf_star_double($0, $1, "%.*f", star, value) }
                let expected = written(size: 512) { p, n in withVaList([star, value]) { vsnprintf(p, n, "%.*f", $0) } }
                #expect(got == expected, "%.*f of \(star), \(value)")
            }
        }

        /// glibc rounds by the thread's rounding mode; the fast path knows only the default
        /// and leaves the others to glibc.
        @Test func anotherRoundingModeIsLeftToGlibc() {
            let saved = fegetround()
            fesetround(FE_UPWARD as Int32)
            let fastUpward = fast("%f", [0.1])
            let expected = glibc("%f", [0.1])
            let through = written(size: 64) { thaireport_snprintf_double($0, $1, "%f", 0.1) }
            fesetround(saved)
            #expect(fastUpward == nil)
            #expect(expected == "0.100001")
            #expect(through.text == expected)
            #expect(fast("%f", [0.1]) == "0.100000")
        }
    }
#endif
