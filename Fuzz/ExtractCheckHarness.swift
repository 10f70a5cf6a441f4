// libFuzzer harness: FuzzTarget.extractCheck (Fuzz/Targets), built by scripts/fuzz with the
// ReferralCore sources; never by SwiftPM. FuzzRegressionTests replays Fuzz/regressions/ExtractCheck/.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzTarget.extractCheck.fuzz(data, size)
    return 0
}
