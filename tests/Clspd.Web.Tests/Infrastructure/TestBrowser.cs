using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Clspd.Web.Tests.Infrastructure;

/// <summary>
/// An HTTP client that keeps cookies as a browser would (by name, for this host) and every
/// Set-Cookie header it received, and signs in through the authorization code flow.
/// </summary>
public sealed partial class TestBrowser(HttpClient client, ConsoleHost host) : IDisposable
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    /// <summary>Every Set-Cookie header received, in order.</summary>
    public List<string> SetCookies { get; } = [];

    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public Task<HttpResponseMessage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> form) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) });

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value)));
        }

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                SetCookies.Add(header);
                var pair = header.Split(';', 2)[0].Split('=', 2);
                var expired = header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
                if (expired || pair[1].Length == 0)
                {
                    _cookies.Remove(pair[0]);
                }
                else
                {
                    _cookies[pair[0]] = pair[1];
                }
            }
        }

        return response;
    }

    /// <summary>
    /// Signs in as <paramref name="subject"/>: asks for <paramref name="path"/>, follows the challenge to
    /// the authority, which answers the callback with a code; returns the callback's answer.
    /// </summary>
    public async Task<HttpResponseMessage> SignInAsync(string subject, string accessToken, string path = "/", int expiresInSeconds = 300)
    {
        var challenge = await GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        var query = QueryHelpers.ParseQuery(authorize.Query);
        var code = host.Authority.IssueCode(subject, query["nonce"]!, accessToken, expiresInSeconds);
        var callback = await GetAsync($"/signin-oidc?code={code}&state={Uri.EscapeDataString(query["state"]!)}");
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        return callback;
    }

    /// <summary>
    /// Signs in as <paramref name="subject"/> on <paramref name="page"/>, then returns that page as served to them: the
    /// form a test fills in, with its anti-forgery token (<see cref="AntiforgeryToken"/>).
    /// </summary>
    public async Task<string> SignedInFormAsync(string subject, string accessToken, string page)
    {
        await SignInAsync(subject, accessToken, page);
        using var answer = await GetAsync(page);
        return await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Posts <paramref name="fields"/> to <paramref name="path"/> as the form of <paramref name="page"/> does: with its anti-forgery token first.</summary>
    public Task<HttpResponseMessage> SubmitAsync(string path, string page, IEnumerable<KeyValuePair<string, string>> fields) =>
        PostAsync(path, [new("__RequestVerificationToken", AntiforgeryToken(page)), .. fields]);

    /// <summary>The anti-forgery token of the first form of a page.</summary>
    public static string AntiforgeryToken(string html) =>
        AntiforgeryField().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("no anti-forgery field in the page");

    public void Dispose() => client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
