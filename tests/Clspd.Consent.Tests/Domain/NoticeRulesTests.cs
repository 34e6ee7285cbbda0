using Clspd.Consent.Domain;
using Clspd.Consent.V1;

namespace Clspd.Consent.Tests.Domain;

public sealed class NoticeRulesTests
{
    public static NoticeContent Complete() => new()
    {
        Title = "Information sur le suivi individualisé",
        Controller = "Le maire de Villeneuve, hôtel de ville, 1 place de la Mairie",
        Purposes = "Coordonner le suivi individualisé des jeunes dans le cadre du CLSPD.",
        Recipients = "Les membres désignés du groupe opérationnel.",
        Retention = "Jusqu'à la fin du suivi, puis 3 mois d'archive ; au plus tard vos 25 ans.",
        LegalBasis = "Consentement (article 6.1.a du RGPD) ; article L. 132-5 du code de la sécurité intérieure.",
        Rights = "Accès, rectification, effacement, limitation, opposition, retrait du consentement à tout moment.",
        RightsContact = "Coordonnateur du CLSPD, hôtel de ville, ou clspd@villeneuve.example",
        DpoContact = "dpo@villeneuve.example",
        CnilComplaint = "Vous pouvez adresser une réclamation à la CNIL (www.cnil.fr).",
    };

    [Fact]
    public void MissingItems_CompleteNotice_None_CON_1() => Assert.Empty(NoticeRules.MissingItems(Complete()));

    [Fact]
    public void MissingItems_EmptyNotice_EveryMandatoryItem_CON_1()
    {
        var missing = NoticeRules.MissingItems(new NoticeContent { AdditionalInformation = "  " }).Select(m => m.Field);

        Assert.Equal(["controller", "purposes", "recipients", "retention", "legal_basis", "rights", "rights_contact", "dpo_contact", "cnil_complaint"], missing);
    }

    [Fact]
    public void MissingItems_BlankDpoContact_Missing_CON_1()
    {
        var content = Complete();
        content.DpoContact = "   ";

        Assert.Equal("dpo_contact", Assert.Single(NoticeRules.MissingItems(content)).Field);
    }

    [Fact]
    public void Render_HostileValues_HtmlEncodedAndTextVerbatim_CON_1()
    {
        var content = Complete();
        content.Controller = "<script>alert('x')</script> & Cie";

        var page = NoticeRenderer.Render(content, 2, new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero), "p-<1>", minor: false);

        Assert.DoesNotContain("<script>", page.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", page.Html, StringComparison.Ordinal);
        Assert.Contains("&amp; Cie", page.Html, StringComparison.Ordinal);
        Assert.Contains("p-&lt;1&gt;", page.Html, StringComparison.Ordinal);
        Assert.Contains("<script>alert('x')</script> & Cie", page.Text, StringComparison.Ordinal);
        Assert.Contains("Version 2, publiée le 2 novembre 2026", page.Text, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"fr\">", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ForMinor_AddressesLegalRepresentatives_CON_2()
    {
        var page = NoticeRenderer.Render(Complete(), 1, DateTimeOffset.UnixEpoch, "p-1", minor: true);

        Assert.Contains("chacun de ses représentants légaux", page.Text, StringComparison.Ordinal);
        Assert.Contains("Signature du ou des représentants légaux", page.Html, StringComparison.Ordinal);
        Assert.Contains("Signature du ou des représentants légaux : ", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Draft_MarkedAsNotPublished_CON_1()
    {
        var page = NoticeRenderer.Render(Complete(), 0, null, null, minor: false);

        Assert.Contains("PROJET", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Référence de la personne", page.Text, StringComparison.Ordinal);
    }
}
