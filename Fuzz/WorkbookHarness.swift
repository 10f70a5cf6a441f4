// libFuzzer harness: FuzzTarget.workbook (Fuzz/Targets), built by scripts/fuzz with the
// ReferralCore and Workbook sources (zlib linked); never by SwiftPM. FuzzRegressionTests
// replays Fuzz/regressions/Workbook/.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzTarget.workbook.fuzz(data, size)
    return 0
}
