using Clspd.Access.V1;

namespace Clspd.Access.Checkpoints;

/// <summary>A chain that no longer matches a checkpoint: the first entry after the last checkpoint that still matches.</summary>
public sealed record CheckpointProblem(long FirstBadSequence, AuditProblem Problem, string Message)
{
    /// <summary>The last entry a checkpoint still vouches for.</summary>
    public long LastGood => FirstBadSequence - 1;
}
