// Word lists the generator draws from. All text is fixed here, XML-escaped
// once into bytes, and never formatted per record.
//
// Name tables: every given name and every surname is a single word, and the
// union of all of them is prefix-free once case and accents are folded (no
// entry is a prefix of another: no "Juan"/"Juana", no "Gil"/"Gilberto"). With
// that, two different (given, given, surname, surname) choices can never give
// names that are equal ignoring case, accents and spacing, which is what keeps
// the `duplicate-person` rule quiet. Keep it so when editing the lists.

/// Escapes `&`, `<`, `>` and `"` and returns UTF-8 bytes.
func xmlEscapedBytes(_ text: String) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "&"): out.append(contentsOf: Array("&amp;".utf8))
        case UInt8(ascii: "<"): out.append(contentsOf: Array("&lt;".utf8))
        case UInt8(ascii: ">"): out.append(contentsOf: Array("&gt;".utf8))
        case UInt8(ascii: "\""): out.append(contentsOf: Array("&quot;".utf8))
        default: out.append(byte)
        }
    }
    return out
}

private func table(_ words: [String]) -> [[UInt8]] { words.map(xmlEscapedBytes) }

enum Vocabulary {
    static let maleGiven: [[UInt8]] = table([
        "Alejandro", "Ángel", "Antonio", "Armando", "Braulio", "Carlos", "Daniel", "Eduardo",
        "Eliécer", "Ernesto", "Félix", "Fernando", "Francisco", "Guillermo", "Héctor", "Iván",
        "Jorge", "José", "Julio", "Leonardo", "Lázaro", "Manuel", "Mario", "Miguel",
        "Néstor", "Orlando", "Osvaldo", "Pablo", "Pedro", "Rafael", "Ramón", "Raúl",
        "Reinaldo", "Ricardo", "Roberto", "Rolando", "Sergio", "Tomás", "Vladimir", "Yoandri",
        "Yunier", "Yosvany", "Adrián", "Alberto", "Diosdado", "Efraín", "Ignacio", "Ulises",
    ])

    static let femaleGiven: [[UInt8]] = table([
        "Aimée", "Alejandra", "Berta", "Bárbara", "Caridad", "Carmen", "Damaris", "Dayamí",
        "Elena", "Esperanza", "Gertrudis", "Isabel", "Laura", "Leticia", "Lourdes", "Magaly",
        "Marta", "María", "Mercedes", "Mileydis", "Niurka", "Odalys", "Olga", "Raquel",
        "Rosa", "Sara", "Sonia", "Tania", "Teresa", "Xiomara", "Yamilé", "Yanet",
        "Yaquelín", "Yolanda", "Zoila", "Belkis", "Idania", "Nélida", "Sayli", "Yusleidy",
    ])

    static let surnames: [[UInt8]] = table([
        "Pérez", "González", "Rodríguez", "Fernández", "García", "Martínez", "López", "Hernández",
        "Díaz", "Sánchez", "Ramírez", "Cruz", "Álvarez", "Castillo", "Morales", "Reyes",
        "Gutiérrez", "Ortiz", "Jiménez", "Ruiz", "Vázquez", "Romero", "Suárez", "Torres",
        "Domínguez", "Delgado", "Acosta", "Aguilar", "Benítez", "Cabrera", "Calderón", "Ferrer",
        "Figueroa", "Fuentes", "Guerra", "Herrera", "Iglesias", "Lamas", "Leyva", "Lorenzo",
        "Machado", "Marrero", "Medina", "Mendoza", "Molina", "Montero", "Navarro", "Núñez",
        "Ochoa", "Oliva", "Padrón", "Peña", "Quintana", "Quesada", "Ríos", "Rivero",
        "Rojas", "Roque", "Ruano", "Salazar", "Santana", "Sarmiento", "Sosa", "Soto",
        "Tamayo", "Valdés", "Varela", "Vega", "Velázquez", "Zamora", "Ojeda", "Espinosa",
        "Estrada", "Gallardo", "Borges", "Bravo", "Bermúdez", "Cepero", "Cárdenas", "Urquiza",
    ])

    static let aliases: [[UInt8]] = table([
        "Cuco", "Pipo", "Tito", "Chichí", "Nene", "Pupy", "Yoyi", "El Flaco", "Lolo", "Pancho",
        "Kiki", "Tata",
    ])

    static let provinces: [[UInt8]] = table([
        "Pinar del Río", "Artemisa", "La Habana", "Mayabeque", "Matanzas", "Cienfuegos",
        "Villa Clara", "Sancti Spíritus", "Ciego de Ávila", "Camagüey", "Las Tunas", "Holguín",
        "Granma", "Santiago de Cuba", "Guantánamo", "Isla de la Juventud",
    ])

    /// Index of "Damas de Blanco" in `affiliations` (given to women only).
    static let damasDeBlanco = 1
    static let affiliations: [[UInt8]] = table([
        "Unión Patriótica de Cuba (UNPACU)", "Damas de Blanco", "Movimiento Cristiano Liberación",
        "Frente Nacional de Resistencia Cívica Orlando Zapata Tamayo", "Partido Republicano de Cuba",
        "Movimiento Independiente Opción Alternativa", "Foro Antitotalitario Unido",
        "Coalición Central Opositora", "Movimiento Cubano Reflexión",
        "Partido por la Democracia Pedro Luis Boitel",
    ])

    static let facilities: [[UInt8]] = table([
        "Combinado del Este, La Habana", "Prisión Kilo 8, Camagüey", "Prisión Kilo 5 y Medio, Pinar del Río",
        "Prisión de Boniato, Santiago de Cuba", "Prisión Provincial de Guantánamo",
        "Prisión de Agüica, Matanzas", "Prisión de Canaleta, Ciego de Ávila", "Prisión Cuba Sí, Holguín",
        "Prisión Mar Verde, Santiago de Cuba", "Prisión de Valle Grande, La Habana",
        "Prisión de Guamajal, Villa Clara", "Prisión Nieves Morejón, Sancti Spíritus",
    ])

    static let charges: [[UInt8]] = table([
        "Desacato (contempt of authority)", "Atentado (assault on an official)",
        "Desorden público (public disorder)",
        "Peligrosidad social predelictiva (pre-criminal social dangerousness)",
        "Resistencia (resisting authority)", "Propaganda enemiga (enemy propaganda)",
        "Actos contra la independencia o la integridad territorial del Estado",
        "Salida ilegal del país (illegal exit)", "Daños (damage to property)",
        "Rebelión (rebellion)", "Instigación a delinquir (incitement)",
        "Difamación de las instituciones (defamation of institutions)",
    ])

    /// Status notes, indexed by `StatusValue.rawValue`.
    static let statusNotes: [[[UInt8]]] = [
        table(["Held without trial according to relatives", "Serving sentence",
               "Transferred to a maximum-security wing", "Seen by relatives during a prison visit",
               "Still held according to the group"]),
        table(["Named among those released", "Returned home", "Released on extrapenal licence",
               "Confirmed at home by the group"]),
        table(["Reported released; the group could not confirm",
               "Not reached by the group since the announcement"]),
        table(["Re-arrested after taking part in a Sunday march", "Detained again after a public protest",
               "Re-arrested; licence revoked"]),
        table(["Left for Spain with close relatives", "Left the country after release"]),
        table(["Died in custody according to relatives"]),
        table(["Whereabouts not known to the group"]),
    ]

    /// Condition descriptions, indexed by `ConditionKind.rawValue`.
    static let conditionTexts: [[[UInt8]]] = [
        table(["Released on extrapenal licence; the remaining sentence can be reinstated",
               "Conditional release; the sentence is suspended, not annulled"]),
        table(["Must report to the local police unit every week", "Must report monthly to the municipal court"]),
        table(["May not leave the country", "May not leave the province without permission"]),
        table(["Must not take part in opposition activity", "Barred from meetings of the group"]),
        table(["Confined to home outside working hours"]),
        table(["Release conditional on leaving the country"]),
        table(["Home watched by State Security", "Telephone reported monitored"]),
        table(["Must not speak to foreign journalists"]),
    ]

    /// Warning descriptions, indexed by `WarningKind.rawValue`.
    static let warningTexts: [[[UInt8]]] = [
        table(["Warned of re-arrest if opposition activity continues",
               "Told the licence would be revoked after any public protest",
               "Told they would be returned to prison if they kept up opposition activity"]),
        table(["Relatives threatened with loss of employment", "Visited at home by officers and threatened"]),
        table(["Told to stay away from the group's meetings"]),
    ]

    static let issuers: [[UInt8]] = table([
        "State Security", "Policía Nacional Revolucionaria", "Prison authorities",
    ])

    static let notes: [[UInt8]] = table([
        "Health reported poor during detention", "Family in contact with the committee",
        "Case also followed by international human-rights groups",
        "Spelling of the name varies between sources", "Hunger strike reported during detention",
        "Relatives ask that the case be raised with the embassy",
    ])

    static let restrictedNotes: [[UInt8]] = table([
        "Relatives ask that the name not be published", "Contact details held by committee staff",
        "Relative's testimony on file; do not circulate",
    ])

    /// Notes added by a drifted revision.
    static let revisionNotes: [[UInt8]] = table([
        "Case reviewed again for this revision", "New information expected from relatives",
        "Sources disagree on the present situation",
    ])
}
