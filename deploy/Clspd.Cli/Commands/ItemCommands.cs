using System.CommandLine;
using Clspd.Cli.Output;
using Clspd.Records.V1;

namespace Clspd.Cli.Commands;

/// <summary>clspd item: information items, CONFIDENTIAL and attested not secret by their author (REC-5).</summary>
public static class ItemCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("item",
        "Information items: confidential facts shared in the group (2007 law, art. 1). Each is classified confidential and its author attests it is not covered by professional secrecy; secret is refused (REC-5).",
        "clspd item add 0193f2a1-… --category school-attendance --classification confidential --attest-not-secret",
        Add(cli));

    private static Command Add(ClspdCli cli)
    {
        var caseId = new Argument<string>("case-id") { Description = "Case" };
        var category = Opt.Enum<ItemCategory>("--category", "Category (items never describe the detail of social care)");
        var classification = Opt.Enum<Classification>("--classification", "Classification: only confidential is accepted (REC-5)");
        var attest = new Option<bool>("--attest-not-secret") { Description = "You attest, as the author, that the item is not covered by professional secrecy (REC-5; required by the service)" };
        var observed = Opt.Date("--observed-on", "Date of the fact (default: today)");
        var requestId = Opt.RequestId();
        var command = Cmd.New("add", "Adds an information item to a case; refused unless classified confidential and attested not secret (REC-5). Prints the item id.",
            "clspd item add 0193f2a1-… --category school-attendance --classification confidential --attest-not-secret",
            caseId, category, classification, attest, observed, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.CaseItems.AddInformationItemAsync(new AddInformationItemRequest
            {
                RequestId = run.RequestId(requestId), CaseId = run.Get(caseId), Category = run.Get(category), Classification = run.Get(classification),
                AuthorAttestsNotSecret = run.Get(attest), ObservedOn = run.Get(observed),
            }, cancellationToken: ct);
            run.Show(reply, () => Table.Fields(run.Out,
                ("Item", reply.ItemId), ("Category", Fmt.Plain(run.Get(category))), ("Classification", Fmt.Plain(run.Get(classification))),
                ("Not secret", "attested by you (REC-5)"), ("Observed on", Fmt.Day(run.Get(observed)))));
        });
        return command;
    }
}
