using Clspd.Consent.Domain;
using Clspd.Rules;

namespace Clspd.Consent.Tests.Domain;

/// <summary>The refusals of CON-1 on publishing, editing and informing with a notice, table-driven.</summary>
public sealed class NoticeRulesViolationTests
{
    [Fact]
    public void Publishable_Complete_NoViolation_CON_1() => Assert.Null(NoticeRules.Publishable(NoticeRulesTests.Complete()));

    [Fact]
    public void Publishable_MissingItems_OneRefusalNamingEach_CON_1()
    {
        var content = NoticeRulesTests.Complete();
        content.DpoContact = "";
        content.CnilComplaint = " ";

        Assert.Equal(new Violation("CON-1", "content",
            "the notice cannot be published: it does not state the contact of the data-protection officer, the right to lodge a complaint with the CNIL"),
            NoticeRules.Publishable(content));
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, "a published notice is immutable; create a new draft for a new version")]
    public void Editable_Published_Violation_CON_1(bool isDraft, string? sentence) =>
        Assert.Equal(sentence is null ? null : new Violation("CON-1", "n-1", sentence), NoticeRules.Editable("n-1", isDraft));

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, "informing must use a published notice (NoticeService.PublishNotice)")]
    public void UsableForInforming_NotPublished_Violation_CON_1(bool published, string? sentence) =>
        Assert.Equal(sentence is null ? null : new Violation("CON-1", "2026-1", sentence), NoticeRules.UsableForInforming("2026-1", published));
}
