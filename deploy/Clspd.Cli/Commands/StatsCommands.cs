using System.CommandLine;
using System.Globalization;
using Clspd.Cli.Output;
using Clspd.Records.V1;

namespace Clspd.Cli.Commands;

/// <summary>clspd stats: the evaluation's aggregate figures, small cells suppressed (REC-11).</summary>
public static class StatsCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("stats",
        "Evaluation figures of a council (REC-11): aggregates only, never a person or a case; every count under the threshold is withheld.",
        "clspd stats cases --council 0193f2a1-…",
        Cases(cli));

    private static Command Cases(ClspdCli cli)
    {
        var council = Opt.Text("--council", "Council");
        var command = Cmd.New("cases",
            "Counts of the council's cases by body, age band, referral reason and follow-up duration; a count under the threshold (default 5) is shown as " +
            "\"fewer than N (withheld)\" (REC-11). Participants designated in the council and administrators.",
            "clspd stats cases --council 0193f2a1-…", council);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Statistics.GetCaseStatisticsAsync(new GetCaseStatisticsRequest { CouncilId = run.Get(council) }, cancellationToken: ct);
            run.Show(reply, () =>
            {
                var table = new Table("Dimension", "Value", "Cases");
                foreach (var cell in reply.Cells)
                {
                    table.Add(Dimension(cell.Dimension), Value(cell.Dimension, cell.Value),
                        cell.Suppressed ? $"fewer than {reply.Threshold} (withheld)" : cell.Count.ToString(CultureInfo.InvariantCulture));
                }

                table.WriteTo(run.Out, "(no case)");
                run.Out.WriteLine($"Counts under {reply.Threshold} are withheld so that nobody can be recognised (REC-11).");
            });
        });
        return command;
    }

    private static string Dimension(string dimension) => dimension switch
    {
        "body" => "body",
        "age_band" => "age band",
        "referral_reason" => "referral reason",
        "follow_up_duration" => "follow-up duration",
        _ => dimension.Replace('_', ' '),
    };

    // Proto enum names in plain words: REFERRAL_REASON_SCHOOL_ABSENTEEISM → "school absenteeism", CLSPD_GROUP → "CLSPD group".
    private static string Value(string dimension, string value) => (dimension, value) switch
    {
        ("body", "CDDF") => "CDDF",
        ("body", "CLSPD_GROUP") => "CLSPD group",
        ("referral_reason", _) => value.Replace("REFERRAL_REASON_", "", StringComparison.Ordinal).Replace('_', ' ').ToLowerInvariant(),
        _ => value,
    };
}
