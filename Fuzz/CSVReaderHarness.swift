// libFuzzer harness: FuzzTarget.csvReader (Fuzz/Targets), built by scripts/fuzz with the
// ReferralCore sources; never by SwiftPM. FuzzRegressionTests replays Fuzz/regressions/CSVReader/.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzTarget.csvReader.fuzz(data, size)
    return 0
}
