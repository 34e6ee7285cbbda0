using System.CommandLine;
using Clspd.Cli.Output;
using Clspd.Consent.V1;
using Google.Protobuf;

namespace Clspd.Cli.Commands;

/// <summary>clspd notice: the versioned French information notices of a council (CON-1).</summary>
public static class NoticeCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("notice",
        "Information notices (CON-1): draft, publish, list, render in French for a person (text or printable HTML).",
        "clspd notice render 0193f2a1-… --subject S-0193… --out notice.html",
        Draft(cli), Update(cli), Publish(cli), Get(cli), List(cli), Render(cli));

    private static Command Draft(ClspdCli cli)
    {
        var council = Opt.Text("--council", "Council id");
        var content = new ContentOptions();
        var requestId = Opt.RequestId();
        var command = Cmd.New("draft", "Creates a draft notice; items may still be missing until it is published.",
            "clspd notice draft --council 0193f2a1-… --content notice.json --dpo dpo@villeneuve.example",
            [council, .. content.All, requestId]);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Notices.CreateNoticeDraftAsync(new CreateNoticeDraftRequest
            {
                RequestId = run.RequestId(requestId), CouncilId = run.Get(council), Content = await content.ReadAsync(run, ct),
            }, cancellationToken: ct);
            run.Show(reply, () => Show(run.Out, reply.Notice));
        });
        return command;
    }

    private static Command Update(ClspdCli cli)
    {
        var id = new Argument<string>("notice-id") { Description = "Draft id" };
        var content = new ContentOptions();
        var requestId = Opt.RequestId();
        var command = Cmd.New("update", "Replaces the whole content of a draft; a published notice never changes (CON-1).",
            "clspd notice update 0193f2a1-… --content notice.json", [id, .. content.All, requestId]);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Notices.UpdateNoticeDraftAsync(new UpdateNoticeDraftRequest
            {
                RequestId = run.RequestId(requestId), NoticeId = run.Get(id), Content = await content.ReadAsync(run, ct),
            }, cancellationToken: ct);
            run.Show(reply, () => Show(run.Out, reply.Notice));
        });
        return command;
    }

    private static Command Publish(ClspdCli cli)
    {
        var id = new Argument<string>("notice-id") { Description = "Draft id" };
        var requestId = Opt.RequestId();
        var command = Cmd.New("publish", "Publishes a draft as the council's next version; refused (CON-1) while a mandatory item is missing.",
            "clspd notice publish 0193f2a1-…", id, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Notices.PublishNoticeAsync(new PublishNoticeRequest { RequestId = run.RequestId(requestId), NoticeId = run.Get(id) }, cancellationToken: ct);
            run.Show(reply, () => Show(run.Out, reply.Notice));
        });
        return command;
    }

    private static Command Get(ClspdCli cli)
    {
        var id = new Argument<string>("notice-id") { Description = "Notice id" };
        var command = Cmd.New("get", "Shows a notice, draft or published.", "clspd notice get 0193f2a1-…", id);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Notices.GetNoticeAsync(new GetNoticeRequest { NoticeId = run.Get(id) }, cancellationToken: ct);
            run.Show(reply, () => Show(run.Out, reply.Notice));
        });
        return command;
    }

    private static Command List(ClspdCli cli)
    {
        var council = Opt.Text("--council", "Council id");
        var published = new Option<bool>("--published") { Description = "Only published notices" };
        var command = Cmd.New("list", "Lists the notices of a council, newest first.", "clspd notice list --council 0193f2a1-… --published", council, published);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Notices.ListNoticesAsync(new ListNoticesRequest { CouncilId = run.Get(council), PublishedOnly = run.Get(published) }, cancellationToken: ct);
            run.Show(reply, () =>
            {
                var table = new Table("Notice", "Status", "Version", "Title", "Published");
                foreach (var n in reply.Notices)
                {
                    table.Add(n.Id, Fmt.Plain(n.Status), n.Version == 0 ? "" : n.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        n.Content?.Title, Fmt.When(n.PublishedAt));
                }

                table.WriteTo(run.Out, "(no notice)");
            });
        });
        return command;
    }

    private static Command Render(ClspdCli cli)
    {
        var id = new Argument<string>("notice-id") { Description = "Notice id" };
        var subject = Opt.Optional("--subject", "Subject reference of the person the notice is made out for");
        var output = Opt.Optional("--out", "Write to this file: .html gives the printable page, anything else the text");
        var command = Cmd.New("render", "Renders a notice in French for a person, to hand over or print (CON-2).",
            "clspd notice render 0193f2a1-… --subject S-0193… --out notice.html", id, subject, output);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Notices.RenderNoticeAsync(new RenderNoticeRequest { NoticeId = run.Get(id), SubjectRef = run.Get(subject) ?? "" }, cancellationToken: ct);
            if (run.Get(output) is { } path)
            {
                var html = path.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".htm", StringComparison.OrdinalIgnoreCase);
                await File.WriteAllTextAsync(path, html ? reply.Html : reply.Text, ct);
                run.Show(reply, () => run.Out.WriteLine($"Notice version {reply.Notice.Version} written to {Path.GetFullPath(path)} ({(html ? "printable HTML" : "text")})."));
                return;
            }

            run.Show(reply, () => run.Out.Write(reply.Text));
        });
        return command;
    }

    private static void Show(TextWriter writer, Notice notice)
    {
        var c = notice.Content ?? new NoticeContent();
        Table.Fields(writer,
            ("Notice", notice.Id), ("Council", notice.CouncilId), ("Status", Fmt.Plain(notice.Status)),
            ("Version", notice.Version == 0 ? "(draft)" : notice.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Published", notice.PublishedAt is null ? "" : $"{Fmt.When(notice.PublishedAt)} by {notice.PublishedBy}"),
            ("Title", c.Title), ("Controller", c.Controller), ("Purposes", c.Purposes), ("Recipients", c.Recipients), ("Retention", c.Retention),
            ("Legal basis", c.LegalBasis), ("Rights", c.Rights), ("Where to exercise them", c.RightsContact), ("DPO", c.DpoContact),
            ("CNIL complaint", c.CnilComplaint), ("More", c.AdditionalInformation));
    }

    /// <summary>The items of a notice: from a JSON file (--content), each overridable by its own option.</summary>
    private sealed class ContentOptions
    {
        private readonly Option<string?> _file = Opt.Optional("--content", "JSON file with the items (title, controller, purposes, recipients, retention, legal_basis, rights, rights_contact, dpo_contact, cnil_complaint, additional_information)");
        private readonly (Option<string?> Option, Action<NoticeContent, string> Set)[] _items =
        [
            (Opt.Optional("--title", "Title"), (c, v) => c.Title = v),
            (Opt.Optional("--controller", "Controller and address"), (c, v) => c.Controller = v),
            (Opt.Optional("--purposes", "Purposes"), (c, v) => c.Purposes = v),
            (Opt.Optional("--recipients", "Recipients"), (c, v) => c.Recipients = v),
            (Opt.Optional("--retention", "Retention"), (c, v) => c.Retention = v),
            (Opt.Optional("--legal-basis", "Legal basis"), (c, v) => c.LegalBasis = v),
            (Opt.Optional("--rights", "The person's rights"), (c, v) => c.Rights = v),
            (Opt.Optional("--rights-contact", "Where to exercise them"), (c, v) => c.RightsContact = v),
            (Opt.Optional("--dpo", "How to reach the DPO"), (c, v) => c.DpoContact = v),
            (Opt.Optional("--cnil", "The right to complain to the CNIL"), (c, v) => c.CnilComplaint = v),
            (Opt.Optional("--more", "Further information"), (c, v) => c.AdditionalInformation = v),
        ];

        public IEnumerable<Symbol> All => [_file, .. _items.Select(i => i.Option)];

        public async Task<NoticeContent> ReadAsync(Run run, CancellationToken ct)
        {
            var content = new NoticeContent();
            if (run.Get(_file) is { } path)
            {
                try
                {
                    content = JsonParser.Default.Parse<NoticeContent>(await File.ReadAllTextAsync(path, ct));
                }
                catch (Exception ex) when (ex is IOException or InvalidProtocolBufferException or InvalidJsonException)
                {
                    throw new CliException(ExitCodes.Usage, $"--content {path}: {ex.Message}");
                }
            }

            foreach (var (option, set) in _items)
            {
                if (run.Get(option) is { } value)
                {
                    set(content, value);
                }
            }

            return content;
        }
    }
}
