using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Clspd.Access.Domain;

/// <summary>ACC-4: the hash chain of the audit trail. Each entry's hash covers its content and the previous hash.</summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Hash(AuditRecord e)
    {
        var canonical = string.Join('\n',
            "clspd.access.audit.v1",
            e.Seq.ToString(CultureInfo.InvariantCulture),
            e.DecisionId,
            e.DecidedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            e.Principal,
            e.Role.ToString(CultureInfo.InvariantCulture),
            e.Action.ToString(CultureInfo.InvariantCulture),
            e.CaseId, e.SubjectRef, e.CouncilId, e.GroupId,
            e.ViewKind.ToString(CultureInfo.InvariantCulture),
            e.Outcome.ToString(CultureInfo.InvariantCulture),
            e.RuleIds, e.Reason, e.PrevHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
