namespace Clspd.Records.Store;

/// <summary>What a caller's designations may reach, as the case store searches it (see <see cref="CaseStore.ReachableAsync"/>).</summary>
public sealed record CaseReachQuery(string[] Councils, string[] Groups, string[] CaseRefs, string[] Meetings, string[] Measures, string Participant);
