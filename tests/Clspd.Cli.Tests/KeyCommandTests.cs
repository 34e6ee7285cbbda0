using System.Globalization;
using Clspd.Testing;

namespace Clspd.Cli.Tests;

/// <summary>clspd keys rotate, and the modes of everything the local stack and clspd write.</summary>
public sealed class KeyCommandTests(StackFixture stack)
{
    [Fact]
    public async Task Keys_Rotate_EveryKeyUnderTheCurrentKey_BarTableJsonAndAdministratorsOnly_MasterKey()
    {
        var table = await stack.RunAsync("admin", "keys", "rotate", "--step", "2");
        var json = await stack.RunAsync("admin", "keys", "rotate", "--json");
        var member = await stack.RunAsync(stack.Subject("ville"), "keys", "rotate");
        var badStep = await stack.RunAsync("admin", "keys", "rotate", "--step", "0");

        Assert.True(table.Code == 0, table.ToString());
        // 64-bit counts are strings in protobuf's JSON.
        var total = long.Parse(json.Json.GetProperty("total").GetString()!, CultureInfo.InvariantCulture);
        Assert.True(total > 0, json.ToString());
        Assert.Equal(json.Json.GetProperty("total").GetString(), json.Json.GetProperty("done").GetString());
        Assert.Equal(0, json.Json.GetProperty("resealed").GetInt32());
        Assert.Equal(16, json.Json.GetProperty("currentMasterKeyId").GetString()!.Length);
        Assert.Contains(json.Json.GetProperty("currentMasterKeyId").GetString()!, table.Output, StringComparison.Ordinal);
        Assert.Contains("Every data key is under the current master key", table.Output, StringComparison.Ordinal);
        Assert.Contains("data keys under the current master key", table.Error, StringComparison.Ordinal);
        Assert.Matches(@"\[#{30}\] (\d+)/\1 data keys", table.Error);
        Assert.Equal(5, member.Code);
        Assert.Contains("REC-1", member.Error, StringComparison.Ordinal);
        Assert.Equal(2, badStep.Code);
        Assert.Contains("--step: must be 1 to 100000", badStep.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalStackAndLogin_EveryFileAndFolderWritten_OwnerOnly()
    {
        var home = Path.Combine(Path.GetDirectoryName(stack.DataDirectory)!, "home-" + Guid.NewGuid().ToString("N"), "clspd");
        var login = await stack.RunInAsync(home, null, "login", "--as", "admin");

        Assert.True(login.Code == 0, login.ToString());
        Assert.Empty(FileModes.NotOwnerOnly(Path.GetDirectoryName(home)!));
        var written = FileModes.Names(stack.DataDirectory);
        Assert.Contains("issuer.pem", written);
        Assert.Contains("records-master.key", written);
        Assert.All(["registry", "consent", "records", "access"], service => Assert.Contains(service + ".db-wal", written));
        // Left out: the working sheets the agenda test writes there itself, as a user would, for clspd to read.
        Assert.DoesNotContain(FileModes.NotOwnerOnly(stack.DataDirectory), v => !Path.GetFileName(v).StartsWith("sheet-", StringComparison.Ordinal));
    }
}
