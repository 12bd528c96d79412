// The hostile shapes of ListGeneratorOptions ("Hostile shapes"): records built so that a quadratic step shows.

extension Generator {
    /// The sources of the conflicting-sources shape, inside `<sources>`.
    func writeHostileSources(into b: inout ByteBuffer) {
        for index in 0..<options.conflictingSources {
            b.put("    <source id=\"")
            conflictingSourceID(index, into: &b)
            b.put("\" kind=\"ngo\" marking=\"public\">Source ")
            b.int(index + 1)
            b.put(" of the conflicting-sources shape</source>\n")
        }
    }

    private func conflictingSourceID(_ index: Int, into b: inout ByteBuffer) {
        b.put("c")
        b.padded(index + 1, width: 6)
    }

    /// The hostile records, after every other record, each counted in `tally`. Every date is on or before the base
    /// `asOf` and after the arrest.
    func writeHostileRecords(into b: inout ByteBuffer, tally: inout Tally) {
        let arrested = asOf - 800, released = asOf - 400
        var id = 0
        func openRecord(_ b: inout ByteBuffer) {
            id += 1
            b.put("  <prisoner id=\"H")
            b.padded(id, width: 6)
            b.put("\" list=\"other\" marking=\"public\">\n    <name marking=\"committee\">")
        }
        func closeName(_ b: inout ByteBuffer) {
            b.put("</name>\n    <detention arrested=\"")
            b.date(arrested)
            b.put("\"/>\n")
        }
        func openStatus(_ value: StaticString, _ day: Int, _ b: inout ByteBuffer) {
            b.put("    <status value=\"")
            b.put(value)
            b.put("\" date=\"")
            b.date(day)
            b.put("\" source=\"")
        }

        if options.conflictingSources > 0 {
            openRecord(&b)
            b.put("Disputed Record")
            closeName(&b)
            for index in 0..<options.conflictingSources {
                openStatus(index % 2 == 0 ? "detained" : "released", asOf - 30, &b)
                conflictingSourceID(index, into: &b)
                b.put("\"/>\n")
            }
            b.put("  </prisoner>\n")
            // Reconciled, claims of one date are decided for custody.
            tally.inCustody += 1
        }

        if options.rearrests > 0 {
            openRecord(&b)
            b.put("Rearrested Record")
            closeName(&b)
            for index in 0..<options.rearrests {
                openStatus("rearrested", asOf - 1 - index % 365, &b)
                b.put("usg\"/>\n")
            }
            // The release they follow, written last: a rule that looks for it from the top reads every claim.
            openStatus("released", released, &b)
            b.put("usg\"/>\n  </prisoner>\n")
            tally.inCustody += 1
            tally.rearrested += 1
        }

        for index in 0..<options.longNames {
            openRecord(&b)
            writeLongName(index, into: &b)
            closeName(&b)
            openStatus("released", released, &b)
            b.put("usg\"/>\n  </prisoner>\n")
        }
    }

    /// Name `index` of the long-names shape, `longNameLength` characters: the index in digits (so that no two are
    /// the same), Latin letters, and a Greek omega last.
    private func writeLongName(_ index: Int, into b: inout ByteBuffer) {
        let start = b.bytes.count
        b.int(index)
        var written = b.bytes.count - start
        while written < options.longNameLength - 1 {
            b.bytes.append(UInt8(ascii: "a") + UInt8(written % 26))
            written += 1
        }
        b.put("ω")
    }
}
