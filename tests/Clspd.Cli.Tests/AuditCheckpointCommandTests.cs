using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Clspd.Cli.Tests;

/// <summary>audit checkpoint: a signed checkpoint saved to a file, which audit verify --checkpoint then checks the chain against (ACC-4).</summary>
public sealed class AuditCheckpointCommandTests(StackFixture stack)
{
    [Fact]
    public async Task Audit_Checkpoint_SavesACheckpointThatVerifies_ACC_4()
    {
        var directory = Directory.CreateTempSubdirectory("clspd-checkpoint-").FullName;
        var file = Path.Combine(directory, "checkpoint.json");

        var saved = await stack.RunAsync(stack.Subject("ville"), "audit", "checkpoint", "--new", "--out", file);
        var latest = await stack.RunAsync("admin", "audit", "checkpoint", "--json");
        var verify = await stack.RunAsync("admin", "audit", "verify", "--checkpoint", file);
        var forgedFile = Path.Combine(directory, "forged.json");
        var forged = JsonNode.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken))!;
        forged["checkpoint"]!["headHash"] = new string('a', 64);
        await File.WriteAllTextAsync(forgedFile, forged.ToJsonString(), TestContext.Current.CancellationToken);
        var refused = await stack.RunAsync("admin", "audit", "verify", "--checkpoint", forgedFile);
        var notAllowed = await stack.RunAsync(stack.Subject("police"), "audit", "checkpoint");

        Assert.True(saved.Code == 0, saved.ToString());
        Assert.Matches(@"Entry +#\d+", saved.Output);
        Assert.Contains(file, saved.Output, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        // The file verifies on its own, with the public key it carries, as the proto documents the signed text.
        var kept = JsonNode.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken))!;
        var checkpoint = kept["checkpoint"]!;
        var sequence = long.Parse(checkpoint["sequence"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var signedAt = DateTimeOffset.Parse(checkpoint["signedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var content = string.Join('\n', "clspd.access.audit-checkpoint.v1", sequence.ToString(CultureInfo.InvariantCulture), checkpoint["headHash"]!.GetValue<string>(),
            signedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), checkpoint["keyId"]!.GetValue<string>());
        using var key = ECDsa.Create();
        key.ImportFromPem(kept["publicKey"]!.GetValue<string>());
        Assert.True(key.VerifyData(Encoding.UTF8.GetBytes(content), Convert.FromBase64String(checkpoint["signature"]!.GetValue<string>()), HashAlgorithmName.SHA256));

        Assert.Equal(0, latest.Code);
        Assert.True(long.Parse(latest.Json.GetProperty("checkpoint").GetProperty("sequence").GetString()!, CultureInfo.InvariantCulture) >= sequence);
        Assert.True(verify.Code == 0, verify.ToString());
        Expect.Row("Intact           yes", verify.Output);
        Assert.Matches(@"Checkpoint +entry #\d+", verify.Output);
        Assert.Equal(3, refused.Code);
        Assert.Contains("checkpoint.signature", refused.Error, StringComparison.Ordinal);
        Assert.Equal(5, notAllowed.Code);
        Assert.Contains("rule ACC-6", notAllowed.Error, StringComparison.Ordinal);
    }
}
