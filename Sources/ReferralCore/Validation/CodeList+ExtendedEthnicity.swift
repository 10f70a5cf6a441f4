/// The DfE's extended ethnicity codes (the school census's optional extensions, CBDS list
/// D00009) and the main code each rolls up to, by the DfE's own table.
extension CodeList {
    static let extendedEthnicity: [String: String] = {
        let table: [String: [String]] = [
            "WBRI": ["WCOR", "WENG", "WSCO", "WWEL", "WOWB"],
            "WOTH": ["WALB", "WBOS", "WCRO", "WGRE", "WGRK", "WGRC", "WITA", "WKOS", "WPOR", "WSER", "WTUR",
                     "WTUK", "WTUC", "WEUR", "WEEU", "WWEU", "WOTW"],
            "WROM": ["WROG", "WROR", "WROO"],
            "MWAS": ["MWAP", "MWAI", "MWAO"],
            "MOTH": ["MAOE", "MABL", "MACH", "MBOE", "MBCH", "MCOE", "MWOE", "MWCH", "MOTM"],
            "APKN": ["AMPK", "AKPA", "AOPK"],
            "AOTH": ["AAFR", "AKAO", "ANEP", "ASNL", "ASLT", "ASRO", "AOTA"],
            "BAFR": ["BANN", "BCON", "BGHA", "BNGN", "BSLN", "BSOM", "BSUD", "BAOF"],
            "BOTH": ["BEUR", "BNAM", "BOTB"],
            "CHNE": ["CHKC", "CMAL", "CSNG", "CTWN", "COCH"],
            "OOTH": ["OAFG", "OARA", "OEGY", "OFIL", "OIRN", "OIRQ", "OJPN", "OKOR", "OKRD", "OLAM", "OLEB",
                     "OLIB", "OMAL", "OMRC", "OPOL", "OTHA", "OVIE", "OYEM", "OOEG"],
        ]
        var codes: [String: String] = [:]
        for (main, extended) in table { for code in extended { codes[code] = main } }
        return codes
    }()
}
