namespace Clspd.Access.Checkpoints;

/// <summary>The result of checking the chain against checkpoints: the latest sequence compared, and the problem found.</summary>
public sealed record CheckpointFinding(long CheckedSequence, CheckpointProblem? Problem);
