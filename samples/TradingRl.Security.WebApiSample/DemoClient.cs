using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace TradingRl.Security.WebApiSample;

/// <summary>A scripted client: every protection of the stack, one request at a time, with the answer expected.</summary>
internal static class DemoClient
{
    private const string Order = """{"clientOrderId":"ord-1","account":"DESK-A-1","symbol":"AAPL","side":"buy","type":"limit","quantity":100,"limitPrice":190.25}""";

    public static async Task<int> RunAsync(Uri address, IReadOnlyDictionary<string, string> passwords)
    {
        using var http = new HttpClient { BaseAddress = address };
        var failures = 0;
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);

        async Task Step(string what, int expected, HttpMethod method, string path, string? role, string? body = null, string contentType = "application/json")
        {
            using var request = new HttpRequestMessage(method, path);
            if (role is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[role]);
            }

            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            }

            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var ok = (int)response.StatusCode == expected;
            failures += ok ? 0 : 1;
            Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {(int)response.StatusCode} (expected {expected}) {what}");
            if (response.Headers.TryGetValues("Retry-After", out var retry))
            {
                Console.WriteLine($"       Retry-After: {string.Join(",", retry)}  RateLimit-Remaining: {string.Join(",", response.Headers.GetValues("RateLimit-Remaining"))}");
            }

            if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
            {
                using var doc = JsonDocument.Parse(text);
                var code = doc.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
                var errors = doc.RootElement.TryGetProperty("errors", out var e)
                    ? " errors: " + string.Join(", ", e.EnumerateArray().Select(x => x.GetProperty("pointer").GetString() + " " + x.GetProperty("code").GetString()))
                    : string.Empty;
                Console.WriteLine($"       problem: {code}{errors}");
            }
        }

        Console.WriteLine();
        await Step("no token", 401, HttpMethod.Get, "/v1/orders", null);
        foreach (var (role, password) in passwords)
        {
            using var login = await http.PostAsJsonAsync("/v1/auth/login", new { userName = role + "-user", password });
            using var doc = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
            tokens[role] = doc.RootElement.GetProperty("accessToken").GetString()!;
            Console.WriteLine($"ok   {(int)login.StatusCode} signed in as {role}-user");
        }

        await Step("viewer places an order (no orders.place)", 403, HttpMethod.Post, "/v1/orders", "viewer", Order);
        await Step("trader places an order on DESK-A-1", 201, HttpMethod.Post, "/v1/orders", "trader", Order);
        await Step("trader places an order on DESK-A-2 (not his account)", 403, HttpMethod.Post, "/v1/orders", "trader", Order.Replace("DESK-A-1", "DESK-A-2", StringComparison.Ordinal).Replace("ord-1", "ord-2", StringComparison.Ordinal));
        await Step("admin places an order on DESK-A-2", 201, HttpMethod.Post, "/v1/orders", "admin", Order.Replace("DESK-A-1", "DESK-A-2", StringComparison.Ordinal).Replace("ord-1", "ord-3", StringComparison.Ordinal));
        await Step("trader sends a bad order (markup in symbol, quantity as string, unknown field)", 400, HttpMethod.Post, "/v1/orders", "trader",
            """{"clientOrderId":"ord-4","account":"DESK-A-1","symbol":"<b>AAPL","side":"buy","type":"market","quantity":"100","note":"hi"}""");
        await Step("trader sends malformed JSON", 400, HttpMethod.Post, "/v1/orders", "trader", """{"clientOrderId":""");
        await Step("trader sends a 64 KiB body", 413, HttpMethod.Post, "/v1/orders", "trader", "{\"clientOrderId\":\"" + new string('x', 65_536) + "\"}");
        await Step("trader sends text/plain", 415, HttpMethod.Post, "/v1/orders", "trader", Order, "text/plain");
        await Step("viewer lists orders", 200, HttpMethod.Get, "/v1/orders", "viewer");
        await Step("analyst cancels an order (no orders.cancel)", 403, HttpMethod.Delete, "/v1/orders/ord-1", "analyst");
        await Step("trader cancels his order", 200, HttpMethod.Delete, "/v1/orders/ord-1", "trader");
        await Step("trader reads his principal (package route, versioned)", 200, HttpMethod.Get, "/v1/security/principal", "trader");
        for (var i = 1; i <= 11; i++)
        {
            await Step($"analyst burst request {i}", i <= 10 ? 200 : 429, HttpMethod.Get, "/v1/orders", "analyst");
        }

        await Step("trader signs out", 204, HttpMethod.Post, "/v1/auth/logout", "trader");
        await Step("trader's token after sign-out (session revoked)", 401, HttpMethod.Get, "/v1/orders", "trader");
        return failures;
    }
}
