// libFuzzer harness: every code-list recogniser over arbitrary (possibly invalid) UTF-8.
// Built by scripts/fuzz with the ReferralCore sources; never by SwiftPM.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let string = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    CodeList.allCases.forEach { list in
        if let code = list.recognise(string) {
            precondition(list.codes.contains(code), "\(list) recognised a code not in its list")
        }
    }
    return 0
}
