using System.Globalization;
using Clspd.Rules;

namespace Clspd.Records.Domain;

/// <summary>REC-1: a master key rotation re-seals every data key, so it needs every master key they are sealed under.</summary>
public static class KeyRules
{
    /// <summary>REC-1: data keys sealed under master keys this service does not have stop the rotation (the setting naming the previous keys is the subject).</summary>
    public static Violation? AllKnown(IReadOnlyList<(string MasterKeyId, long Count)> unknown, string previousSetting)
    {
        ArgumentNullException.ThrowIfNull(unknown);
        if (unknown.Count == 0)
        {
            return null;
        }

        var count = unknown.Sum(r => r.Count).ToString(CultureInfo.InvariantCulture);
        return new Violation("REC-1",
            previousSetting,
            $"{count} data key(s) are sealed under master key(s) {string.Join(", ", unknown.Select(r => r.MasterKeyId))} that this service does not have: " +
            $"add their files to {previousSetting} and rotate again");
    }
}
