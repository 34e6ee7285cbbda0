using System.Text.RegularExpressions;

namespace Clspd.Cli.Tests;

/// <summary>Assertions on tables: columns are padded, so two or more spaces in the expectation match any padding.</summary>
public static partial class Expect
{
    public static void Row(string expected, string output)
    {
        var pattern = Padding().Replace(Regex.Escape(expected).Replace("\\ ", " ", StringComparison.Ordinal), " {2,}");
        Assert.Matches(pattern, output);
    }

    [GeneratedRegex(" {2,}")]
    private static partial Regex Padding();
}
