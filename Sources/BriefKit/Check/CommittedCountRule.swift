// Check: the semantic rules, one file each, from a valid list's model to findings. Rules only report: they never
// change the model, read files or render.

/// `committed-count`: the agreement's promised number and the agreed list should describe the same people; a
/// difference means the list is incomplete or the number is wrong, and either changes the briefing's story. A list
/// whose agreement says `coverage="partial"` follows only some of the people and is not compared.
struct CommittedCountRule: ListRule {
    let descriptor = RuleCatalog.descriptor(.committedCount)

    func findings(in list: PrisonerList) -> [Finding] {
        guard let agreement = list.agreement, let committed = agreement.committed,
              agreement.coverage == .complete else { return [] }
        let agreed = list.prisoners.count { $0.list == .agreed }
        guard agreed != committed else { return [] }
        return [finding("the agreement commits \(committed) releases but \(agreed) prisoner\(agreed == 1 ? " is" : "s are") on the agreed list",
                        at: agreement.anchor.at("committed"),
                        help: "add the missing agreed prisoners or correct 'committed'; or, if the list follows only some of the people "
                            + "the agreement covers, mark it coverage=\"partial\" on <agreement>")]
    }
}
