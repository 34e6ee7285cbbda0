using Clspd.Consent.Domain;
using Clspd.Consent.V1;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Consent.Api;

/// <summary>The append-only history of a subject and the receipts of its decisions (CON-5).</summary>
public sealed partial class ConsentApi
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 500;

    public override async Task<ListHistoryResponse> ListHistory(ListHistoryRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("subject_ref", request.SubjectRef, 64)
            .When(request.AfterRevision < 0, "after_revision", "must be zero or positive")
            .When(request.PageSize is < 0 or > MaxPageSize, "page_size", $"must be between 1 and {MaxPageSize} (0 = {DefaultPageSize})").ThrowIfInvalid();
        var ct = context.CancellationToken;
        var subject = await database.ReadAsync(s => subjects.FindAsync(s, request.SubjectRef), ct);
        await authorizer.EnsureMayReadAsync(caller, subject?.Groups, subject?.CouncilId, null, ConsentReading.Record, ct);

        var limit = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var (informings, decisions) = await database.ReadAsync(
            s => store.HistoryAsync(s, request.SubjectRef, request.AfterRevision, limit), ct);
        var entries = informings.Select(i => new HistoryEntry { Revision = i.Revision, Informing = i.ToProto() })
            .Concat(decisions.Select(d => new HistoryEntry { Revision = d.Revision, Decision = d.ToProto() }))
            .OrderBy(e => e.Revision).Take(limit).ToList();
        return new ListHistoryResponse { Entries = { entries }, NextAfterRevision = entries.Count == limit ? entries[^1].Revision : 0 };
    }

    public override async Task<GetReceiptResponse> GetReceipt(GetReceiptRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("receipt_id", request.ReceiptId, 36).ThrowIfInvalid();
        var row = await ReceiptRowAsync(caller, request.ReceiptId, context.CancellationToken);
        return new GetReceiptResponse { Receipt = row.ToReceipt() };
    }

    public override async Task<VerifyReceiptResponse> VerifyReceipt(VerifyReceiptRequest request, ServerCallContext context)
    {
        var caller = callers.Resolve(context);
        new RequestValidator().Required("receipt_id", request.ReceiptId, 36).MaxLength("content_sha256", request.ContentSha256, 64).ThrowIfInvalid();
        var row = await ReceiptRowAsync(caller, request.ReceiptId, context.CancellationToken);
        var recomputed = row.ComputeHash();
        return new VerifyReceiptResponse
        {
            Intact = string.Equals(recomputed, row.ContentSha256, StringComparison.Ordinal),
            Matches = string.Equals(recomputed, request.ContentSha256.Trim(), StringComparison.OrdinalIgnoreCase),
            RecomputedSha256 = recomputed,
        };
    }

    private async Task<Store.DecisionRow> ReceiptRowAsync(ServiceDefaults.Auth.Caller caller, string receiptId, CancellationToken ct)
    {
        var row = await database.ReadAsync(s => store.DecisionAsync(s, receiptId), ct);
        var subject = row is null ? null : await database.ReadAsync(s => subjects.FindAsync(s, row.SubjectRef), ct);
        // Authorise before saying whether the receipt exists, on the person's own groups only.
        await authorizer.EnsureMayReadAsync(caller, subject?.Groups, subject?.CouncilId, null, ConsentReading.Record, ct);
        return row ?? throw new NotFoundException("receipt", receiptId);
    }
}
