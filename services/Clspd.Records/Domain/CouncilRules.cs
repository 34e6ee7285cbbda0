using Clspd.Rules;

namespace Clspd.Records.Domain;

/// <summary>What the registry's facts about a council and its groups allow records to hold (REG-1, REG-2).</summary>
public static class CouncilRules
{
    /// <summary>REG-1: no case data is written in a council that has not named its controller and coordinator.</summary>
    public static Violation? CaseDataWritable(bool readyForNominativeProcessing, string councilId) =>
        readyForNominativeProcessing
            ? null
            : new Violation("REG-1", councilId, "the council has not named its controller and coordinator: no case data may be written");

    /// <summary>REG-1: no person or case is recorded in such a council either.</summary>
    public static Violation? NominativeProcessing(bool readyForNominativeProcessing, string councilId) =>
        readyForNominativeProcessing
            ? null
            : new Violation("REG-1", councilId, "the council has not named its controller and coordinator: no nominative processing yet");

    /// <summary>REG-2: plenary and restricted formations never hold cases.</summary>
    public static Violation? HoldsCases(bool mayHoldCases, string groupId) =>
        mayHoldCases ? null : new Violation("REG-2", groupId, "plenary and restricted formations never hold cases");
}
