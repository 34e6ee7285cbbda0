using System.CommandLine;
using System.Globalization;
using Clspd.Cli.Output;
using Clspd.Records.V1;

namespace Clspd.Cli.Commands;

/// <summary>clspd keys: the records master keys sealing each person's data key (REC-1).</summary>
public static class KeyCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("keys",
        "The records master keys that seal each person's data key (REC-1). The records service seals new data keys under its current key " +
        "(Records:MasterKeyFile) and opens older ones with Records:PreviousMasterKeyFiles. Administrators only.",
        "clspd keys rotate",
        Rotate(cli));

    private static Command Rotate(ClspdCli cli)
    {
        var batch = new Option<int>("--batch-size") { Description = "Data keys re-sealed per transaction, 1 to 5000 (default: 500)" };
        var step = new Option<int>("--step")
        {
            Description = "Data keys re-sealed per call, 1 to 100000: the bar moves after each call (default: 1000)",
            DefaultValueFactory = _ => 1000,
        };
        var command = Cmd.New("rotate",
            "Re-seals every person's data key under the records service's current master key, in bounded steps with a progress bar, " +
            "then prints how many are under it. Run it after making a new key current and listing the old one in Records:PreviousMasterKeyFiles; " +
            "once every key is under the new one, the old key can be removed from the settings. Safe to interrupt and to run again: it goes on where it stopped.",
            "clspd keys rotate --step 5000", batch, step);
        cli.Runs(command, async (run, ct) =>
        {
            if (run.Get(step) is < 1 or > 100_000)
            {
                throw new CliException(ExitCodes.Usage, "--step: must be 1 to 100000");
            }

            var progress = new Progress(run.Err, "data keys under the current master key", 0);
            var total = new RotateMasterKeyResponse();
            var calls = 0;
            while (true)
            {
                var reply = await run.Api.Keys.RotateMasterKeyAsync(new RotateMasterKeyRequest { BatchSize = run.Get(batch), MaxKeys = run.Get(step) }, cancellationToken: ct);
                calls++;
                total.CurrentMasterKeyId = reply.CurrentMasterKeyId;
                total.Resealed += reply.Resealed;
                total.Done = reply.Done;
                total.Total = reply.Total;
                progress.Total = Clamp(reply.Total);
                progress.Step(Clamp(reply.Done) - progress.Done);
                // Stop when every key is under the current one, or when a call could re-seal nothing more (keys created meanwhile are already under it).
                if (reply.Done >= reply.Total || reply.Resealed == 0)
                {
                    break;
                }
            }

            progress.Finish();
            run.Show(total, () =>
            {
                new Table("Master key", "Re-sealed now", "Under it", "Data keys")
                    .Add(total.CurrentMasterKeyId, Count(total.Resealed), Count(total.Done), Count(total.Total))
                    .WriteTo(run.Out);
                run.Out.WriteLine(total.Done >= total.Total
                    ? "Every data key is under the current master key: earlier keys can be removed from Records:PreviousMasterKeyFiles (keep their backups until the database backups that need them expire)."
                    : $"{Count(total.Total - total.Done)} data key(s) are still under an earlier key: run it again.");
                run.Out.WriteLine($"{Count(calls)} step(s) of at most {Count(run.Get(step))}.");
            });
        });
        return command;
    }

    private static int Clamp(long count) => (int)Math.Min(count, int.MaxValue);

    private static string Count(long count) => count.ToString(CultureInfo.InvariantCulture);
}
