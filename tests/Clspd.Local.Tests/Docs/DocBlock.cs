using System.Text.RegularExpressions;

namespace Clspd.Local.Tests.Docs;

/// <summary>
/// One fenced <c>```bash</c> block of a Markdown document, with what its author said of it: the
/// HTML comment on the line before the fence, <c>&lt;!-- runnable --&gt;</c> or
/// <c>&lt;!-- not runnable: why --&gt;</c>.
/// </summary>
public sealed partial record DocBlock(string Document, int Line, string Text, string? Marker)
{
    public const string Runnable = "<!-- runnable -->";

    public bool IsRunnable => Marker == Runnable;

    public string Where => $"{Document}:{Line}";

    /// <summary>A shell function or variable, defined by an earlier block of the document, that runs grpcurl and that this block uses.</summary>
    public string? GrpcurlWrapper { get; init; }

    /// <summary>The author's reason, or the one that follows from what the block needs; null when none does.</summary>
    public string? WhyNotRunnable()
    {
        if (IsRunnable)
        {
            return null;
        }

        if (Marker is not null && NotRunnable().Match(Marker) is { Success: true } said)
        {
            return said.Groups["why"].Value.Trim();
        }

        // What no test stack here can run, each for its own reason.
        if (Text.Contains("grpcurl", StringComparison.Ordinal))
        {
            return "needs grpcurl, which Debian does not package (the protoset it reads is checked by ProtosetTests)";
        }

        if (GrpcurlWrapper is not null)
        {
            return $"needs grpcurl, through {GrpcurlWrapper} defined above";
        }

        if (Placeholder().IsMatch(Text))
        {
            return "takes ids the reader copies from an earlier output (<…> placeholders)";
        }

        if (StartsTheStack().IsMatch(Text))
        {
            return "starts a stack of its own; the test starts one for the document";
        }

        if (Text.Contains("dotnet test", StringComparison.Ordinal) || Text.Contains("dotnet pack", StringComparison.Ordinal)
            || Text.Contains("tests/Clspd.Benchmarks", StringComparison.Ordinal))
        {
            return "builds, tests or measures the solution itself";
        }

        return null;
    }

    /// <summary>Every <c>```bash</c> block of a Markdown text, in order.</summary>
    public static IReadOnlyList<DocBlock> Read(string document, string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var lines = markdown.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var blocks = new List<DocBlock>();
        var wrappers = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var language = lines[i][3..].Trim();
            var end = lines.FindIndex(i + 1, l => l.StartsWith("```", StringComparison.Ordinal));
            if (end < 0)
            {
                throw new InvalidOperationException($"{document}:{i + 1}: the fence is never closed");
            }

            if (language == "bash")
            {
                var before = lines.Take(i).LastOrDefault(l => l.Trim().Length > 0)?.Trim();
                var marker = before is not null && before.StartsWith("<!--", StringComparison.Ordinal) ? before : null;
                var text = string.Join('\n', lines.Skip(i + 1).Take(end - i - 1));
                blocks.Add(new DocBlock(document, i + 1, text, marker)
                {
                    GrpcurlWrapper = wrappers.FirstOrDefault(w => w.StartsWith('$')
                        ? Regex.IsMatch(text, $@"{Regex.Escape(w)}(?!\w)")
                        : Regex.IsMatch(text, $@"(^|[\s$(]){Regex.Escape(w)}\s", RegexOptions.Multiline)),
                });
                if (text.Contains("grpcurl", StringComparison.Ordinal))
                {
                    // reg() { grpcurl …; }  and  R="grpcurl …"
                    wrappers.AddRange(GrpcurlFunction().Matches(text).Select(m => m.Groups["name"].Value));
                    wrappers.AddRange(GrpcurlVariable().Matches(text).Select(m => "$" + m.Groups["name"].Value));
                }
            }

            i = end;
        }

        return blocks;
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z_]\w*)\(\)\s*\{", RegexOptions.Multiline)]
    private static partial Regex GrpcurlFunction();

    [GeneratedRegex(@"^(?<name>[A-Za-z_]\w*)=""grpcurl", RegexOptions.Multiline)]
    private static partial Regex GrpcurlVariable();

    [GeneratedRegex(@"^<!-- not runnable: (?<why>.+) -->$")]
    private static partial Regex NotRunnable();

    // <case id>, <Yanis's case id>, <operational group id>: words with a space between angle brackets.
    [GeneratedRegex(@"<[A-Za-z][^<>\n]* [^<>\n]*>")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"dotnet run (-c Release )?--project deploy/Clspd\.Local(?! -- token)(\s|$)", RegexOptions.Multiline)]
    private static partial Regex StartsTheStack();
}
