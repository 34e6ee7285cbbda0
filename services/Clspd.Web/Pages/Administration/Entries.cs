namespace Clspd.Web.Pages.Administration;

/// <summary>A list typed in one field: entries separated by spaces, commas, semicolons or lines.</summary>
public static class Entries
{
    private static readonly char[] Separators = [' ', ',', ';', '\n', '\r', '\t'];

    public static IEnumerable<string> Split(string? text) =>
        (text ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
