// libFuzzer harness: FuzzTarget.codeList (Fuzz/Targets), built by scripts/fuzz with the
// ReferralCore sources; never by SwiftPM. FuzzRegressionTests replays Fuzz/regressions/CodeList/.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzTarget.codeList.fuzz(data, size)
    return 0
}
