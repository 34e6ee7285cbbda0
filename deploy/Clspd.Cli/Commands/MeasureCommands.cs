using System.CommandLine;
using Clspd.Cli.Output;
using Clspd.Records.V1;

namespace Clspd.Cli.Commands;

/// <summary>clspd measure: judicial measures, only in their own field and with a necessity reason (REC-3).</summary>
public static class MeasureCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("measure",
        "Judicial measures: kind and the reason the group needs to know it, from closed lists, in their own field (REC-3).",
        "clspd measure add 0193f2a1-… --kind reparation --necessity implemented-by-partner --start 01/10/2026",
        Add(cli));

    private static Command Add(ClspdCli cli)
    {
        var caseId = new Argument<string>("case-id") { Description = "Case" };
        var kind = Opt.Enum<MeasureKind>("--kind", "Kind of measure");
        var necessity = Opt.Enum<MeasureNecessity>("--necessity", "Why the group needs to know it (REC-3)");
        var start = Opt.Date("--start", "Start date of the measure", required: true);
        var requestId = Opt.RequestId();
        var command = Cmd.New("add", "Records a judicial measure with the reason it is necessary to know it (REC-3); prints the measure reference a measure implementer is designated for.",
            "clspd measure add 0193f2a1-… --kind reparation --necessity implemented-by-partner --start 01/10/2026",
            caseId, kind, necessity, start, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.CaseItems.AddJudicialMeasureAsync(new AddJudicialMeasureRequest
            {
                RequestId = run.RequestId(requestId), CaseId = run.Get(caseId), Kind = run.Get(kind), Necessity = run.Get(necessity), StartDate = run.Get(start),
            }, cancellationToken: ct);
            run.Show(reply, () => Table.Fields(run.Out,
                ("Measure", reply.MeasureRef), ("Kind", Fmt.Plain(run.Get(kind))), ("Necessity", Fmt.Plain(run.Get(necessity))), ("Start", Fmt.Day(run.Get(start)))));
        });
        return command;
    }
}
