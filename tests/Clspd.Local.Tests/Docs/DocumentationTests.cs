using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Clspd.Local.Tests.Docs;

/// <summary>
/// The command blocks of README.md and docs/*.md, run so that the documentation cannot drift from
/// what the stack does. A <c>```bash</c> block preceded by <c>&lt;!-- runnable --&gt;</c> is run:
/// the runnable blocks of one document in order, in one bash (variables carry over), against one
/// local stack shared by the documents (<see cref="DocStackFixture"/>), and the script must exit with 0.
/// Every other block must say why it cannot run — with <c>&lt;!-- not runnable: why --&gt;</c>, or
/// because of what it needs (<see cref="DocBlock.WhyNotRunnable"/>): grpcurl, which Debian does not
/// package; ids copied from an earlier output; a stack of its own; the whole solution's build.
/// </summary>
/// <remarks>
/// The blocks run as a reader types them, from the repository root, with the data directory and
/// the gateway of the test's stack in <c>CLSPD_DATA</c> and <c>CLSPD_GATEWAY</c> (its JSON listener in <c>CLSPD_JSON</c>), and
/// <c>alias clspd='dotnet run --project deploy/Clspd.Cli --'</c> as the docs define it. Only
/// <c>dotnet run --project deploy/Clspd.Cli</c> and <c>deploy/Clspd.Local</c> are shortened to the
/// dlls this test project's build made (the same code, without a build check per command).
/// </remarks>
public sealed class DocumentationTests(DocStackFixture fixture) : IClassFixture<DocStackFixture>
{
    private static readonly string Repository = Path.GetDirectoryName(StackCatalog.ProtosDirectory!)!;

    public static TheoryData<string> DocumentsWithRunnableBlocks() => [.. RunnableDocuments()];

    [Fact]
    public void Documents_EveryBashBlock_IsRunnableOrSaysWhyNot()
    {
        var unexplained = Documents().SelectMany(Blocks).Where(b => !b.IsRunnable && b.WhyNotRunnable() is null).Select(b => b.Where).ToList();

        Assert.True(unexplained.Count == 0,
            "mark these blocks <!-- runnable --> (and make them run against a local stack), or <!-- not runnable: why -->: " + string.Join(", ", unexplained));
        Assert.Contains("README.md", RunnableDocuments());
        Assert.Contains("docs/consent-workflow.md", RunnableDocuments());
    }

    [Theory]
    [MemberData(nameof(DocumentsWithRunnableBlocks))]
    public async Task RunnableBlocks_AgainstALocalStack_ExitCodeZero(string document)
    {
        var run = fixture.Run;
        using var home = new TempDirectory();
        Directory.CreateDirectory(home.Path);
        var script = Path.Combine(home.Path, "blocks.sh");
        await File.WriteAllTextAsync(script, Script(document), TestContext.Current.CancellationToken);

        var (code, output) = await BashAsync(script, new Dictionary<string, string>
        {
            ["CLSPD_DATA"] = run.DataDirectory,
            ["CLSPD_GATEWAY"] = run.Stack.EndpointOf(StackCatalog.Gateway),
            ["CLSPD_JSON"] = run.Stack.GatewayJsonAddress.ToString().TrimEnd('/'),
            ["CLSPD_HOME"] = home.Path,
            ["CLSPD_TOKEN"] = string.Empty,
            ["CLSPD_CLI_DLL"] = Metadata("ClspdCli"),
            ["CLSPD_LOCAL_DLL"] = typeof(LocalCli).Assembly.Location,
        });

        Assert.True(code == 0, $"{document}: the runnable blocks exited with {code}; the last '### block' line says which one failed:\n{output}");
    }

    private static List<string> RunnableDocuments() => [.. Documents().Where(d => Blocks(d).Any(b => b.IsRunnable))];

    private static IEnumerable<string> Documents() =>
        new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(Repository, "docs"), "*.md").Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(Repository, f).Replace('\\', '/')));

    private static IReadOnlyList<DocBlock> Blocks(string document) =>
        DocBlock.Read(document, File.ReadAllText(Path.Combine(Repository, document)));

    private static string Script(string document)
    {
        var text = new StringBuilder();
        text.AppendLine("set -eo pipefail");
        text.AppendLine("shopt -s expand_aliases");
        text.AppendLine($"cd '{Repository}'");
        text.AppendLine("""
            dotnet() {
              if [ "$1" = run ] && [ "$2" = --project ] && [ "$3" = deploy/Clspd.Cli ]; then
                shift 3; [ "${1:-}" = -- ] && shift; command dotnet "$CLSPD_CLI_DLL" "$@"
              elif [ "$1" = run ] && [ "$2" = --project ] && [ "$3" = deploy/Clspd.Local ]; then
                shift 3; [ "${1:-}" = -- ] && shift; command dotnet "$CLSPD_LOCAL_DLL" "$@"
              else
                command dotnet "$@"
              fi
            }
            alias clspd='dotnet run --project deploy/Clspd.Cli --'
            """);
        foreach (var block in Blocks(document).Where(b => b.IsRunnable))
        {
            text.AppendLine($"echo '### block {block.Where}'");
            text.AppendLine(block.Text);
        }

        text.AppendLine("echo '### every block ran'");
        return text.ToString();
    }

    private static async Task<(int Code, string Output)> BashAsync(string script, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        using var bash = Process.Start(start)!;
        bash.StandardInput.Close();
        bash.OutputDataReceived += (_, e) => Append(e.Data);
        bash.ErrorDataReceived += (_, e) => Append(e.Data);
        bash.BeginOutputReadLine();
        bash.BeginErrorReadLine();
        try
        {
            await bash.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken);
        }
        finally
        {
            if (!bash.HasExited)
            {
                bash.Kill(entireProcessTree: true);
            }
        }

        bash.WaitForExit();
        lock (output)
        {
            return (bash.ExitCode, output.ToString());
        }

        void Append(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }
    }

    private static string Metadata(string key) =>
        typeof(DocumentationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
