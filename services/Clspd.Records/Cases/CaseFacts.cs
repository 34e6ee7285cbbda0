using Clspd.Records.Store;

namespace Clspd.Records.Cases;

/// <summary>A case as read for an access decision: its row, the meetings whose agenda holds it and its measures.</summary>
public sealed record CaseFacts(CaseRow Row, IReadOnlyList<string> Agenda, IReadOnlyList<string> Measures);
