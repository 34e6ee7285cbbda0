using System.Diagnostics;
using Clspd.Access.V1;

namespace Clspd.Access.Diagnostics;

/// <summary>Starts a Check's <see cref="CheckTimeline"/> on its arrival and records it once the answer is written (stage timings on only).</summary>
public sealed class CheckStageMiddleware(RequestDelegate next, CheckStageTimings timings)
{
    private static readonly PathString s_check = new("/" + AccessService.Descriptor.FullName + "/Check");

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.Equals(s_check, StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var timeline = new CheckTimeline { Arrived = Stopwatch.GetTimestamp() };
        CheckTimeline.Current = timeline;
        await next(context);
        timings.Record(timeline, Stopwatch.GetTimestamp());
    }
}
