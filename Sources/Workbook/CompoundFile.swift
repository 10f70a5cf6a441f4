/// An OLE compound file (the container of legacy `.xls` and of Office's password-protected
/// workbooks): only its directory is read, to tell the two apart.
public enum CompoundFile {
    public static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// At most this many directory sectors are followed (a real file has a handful).
    static let maxDirectorySectors = 4096

    /// The names of the directory's entries, in order. Throws `file.malformed` when the header
    /// or the directory's sector chain is broken.
    public static func entryNames(input: some RandomAccessInput) throws -> [String] {
        let header = try input.bytes(at: 0, count: 512)
        guard Array(header[0..<8]) == signature else { throw WorkbookError.malformed("not an OLE compound file") }
        let shift = header.u16(30)
        guard shift == 9 || shift == 12 else { throw WorkbookError.malformed("the OLE header's sector size is invalid") }
        let sectorSize = 1 << shift
        let fatSectorCount = header.u32(44)
        let firstDirectory = header.u32(48)
        // The first 109 FAT sectors are listed in the header; that covers the directory of any
        // file up to several megabytes, which is where Office writes it.
        var fatSectors: [Int] = []
        for i in 0..<min(109, fatSectorCount) {
            let sector = header.u32(76 + 4 * i)
            if sector >= 0xFFFF_FFFA { break }
            fatSectors.append(sector)
        }
        let entriesPerFATSector = sectorSize / 4
        func fatEntry(_ sector: Int) throws -> Int {
            let which = sector / entriesPerFATSector
            guard which < fatSectors.count else { throw WorkbookError.malformed("the OLE directory lies beyond the sectors read") }
            let bytes = try input.bytes(at: Int64(fatSectors[which] + 1) << Int64(shift) + Int64(4 * (sector % entriesPerFATSector)), count: 4)
            return bytes.u32(0)
        }
        var names: [String] = []
        var sector = firstDirectory
        var visited = 0
        while sector < 0xFFFF_FFFA {
            visited += 1
            guard visited <= maxDirectorySectors else { throw WorkbookError.malformed("the OLE directory chain does not end") }
            let data = try input.bytes(at: Int64(sector + 1) << Int64(shift), count: sectorSize)
            for at in stride(from: 0, to: sectorSize, by: 128) {
                let length = min(64, data.u16(at + 64))
                guard length >= 2, data[at + 66] != 0 else { continue }
                var units: [UInt16] = []
                for i in stride(from: 0, to: length - 2, by: 2) { units.append(UInt16(data.u16(at + i))) }
                names.append(String(decoding: units, as: UTF16.self))
            }
            sector = try fatEntry(sector)
        }
        return names
    }

    /// The refusal for an OLE file: `file.encrypted` for a password-protected Office file (an
    /// `EncryptedPackage` stream), `file.unsupported_format` for anything else (a legacy `.xls`).
    public static func refusal(input: some RandomAccessInput) -> WorkbookError {
        let names = (try? entryNames(input: input)) ?? []
        if names.contains("EncryptedPackage") {
            return WorkbookError(.encrypted, "the workbook is password-protected: send it without a password (the route is already encrypted)")
        }
        return WorkbookError(.unsupportedFormat, "the file is a legacy Office file (such as .xls), not an .xlsx workbook: save it as .xlsx or CSV")
    }
}
