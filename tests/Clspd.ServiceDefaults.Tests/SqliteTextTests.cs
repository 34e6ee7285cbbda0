using Clspd.ServiceDefaults.Data;

namespace Clspd.ServiceDefaults.Tests;

public sealed class SqliteTextTests
{
    public static TheoryData<DateTimeOffset> Instants() =>
    [
        new DateTimeOffset(2026, 11, 29, 10, 0, 3, TimeSpan.Zero).AddTicks(3_702),
        new DateTimeOffset(2026, 11, 29, 11, 0, 3, TimeSpan.FromHours(1)).AddTicks(3_702),
        new DateTimeOffset(2027, 1, 1, 0, 59, 59, TimeSpan.FromHours(-5)).AddTicks(9_999_999),
        DateTimeOffset.UnixEpoch,
    ];

    [Theory]
    [MemberData(nameof(Instants))]
    public void FormatSqliteText_AnInstant_TheSameTextAsToSqliteText(DateTimeOffset instant)
    {
        Span<char> text = stackalloc char[DapperTypeHandlers.SqliteTextLength];

        var written = DapperTypeHandlers.FormatSqliteText(instant, text);

        Assert.Equal(DapperTypeHandlers.ToSqliteText(instant), text[..written].ToString());
        Assert.Equal(DapperTypeHandlers.SqliteTextLength, written);
    }

    [Fact]
    public void FormatSqliteText_TooShortADestination_ArgumentException()
    {
        var text = new char[DapperTypeHandlers.SqliteTextLength - 1];

        Assert.Throws<ArgumentException>(() => DapperTypeHandlers.FormatSqliteText(DateTimeOffset.UnixEpoch, text));
    }
}
