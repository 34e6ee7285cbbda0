namespace Clspd.Web.Pages.Administration;

/// <summary>What the lifecycle steps of one run have done so far, carried from step to step by the page.</summary>
public sealed class LifecycleTotals
{
    public int Steps { get; set; }

    public int ClosedAt25 { get; set; }

    public int CasesDestroyed { get; set; }

    public int PersonsDestroyed { get; set; }

    public int AgendaItemsPurged { get; set; }
}
