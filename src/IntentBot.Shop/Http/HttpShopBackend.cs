using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace IntentBot.Shop.Http;

/// <summary>
/// A real shop over HTTP, speaking the REST contract in docs/shop-backend.md. Business refusals come back
/// as outcome records (HTTP 200); a missing product, order, customer or promotion is a 404 and reads as null;
/// anything else (unreachable, timeout, 5xx, bad JSON) throws <see cref="ShopUnavailableException"/> with a
/// message that names the call, so the agent can apologise and the log says what broke.
/// </summary>
/// <remarks>
/// The <see cref="HttpClient"/> carries the base address (ending in '/'), the X-Api-Key header and the
/// timeout; see ShopServices. Paths here are relative so a base path such as /api/intentbot/ is kept.
/// </remarks>
public sealed partial class HttpShopBackend(HttpClient http) : ICatalog, IOrderService, IPolicyService, IPromotionService, ICustomerDirectory
{
    private static string Segment(string value) => Uri.EscapeDataString(value.Trim());

    private static string Query(params (string Name, object? Value)[] parts)
    {
        var present = parts.Where(p => p.Value is not null && !(p.Value is string s && string.IsNullOrWhiteSpace(s))).ToList();
        if (present.Count == 0) return "";
        return "?" + string.Join("&", present.Select(p => $"{p.Name}={Uri.EscapeDataString(Format(p.Value!))}"));

        static string Format(object v) => v switch
        {
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => v.ToString()!,
        };
    }

    /// <summary>GET that reads 404 as null.</summary>
    private Task<T?> GetOrNullAsync<T>(string path, CancellationToken cancellationToken) where T : class =>
        SendAsync<T>(HttpMethod.Get, path, null, notFoundIsNull: true, cancellationToken);

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) where T : class =>
        await SendAsync<T>(HttpMethod.Get, path, null, notFoundIsNull: false, cancellationToken).ConfigureAwait(false)
        ?? throw new ShopUnavailableException($"The shop answered GET {path} with an empty body.");

    private async Task<T> SendOutcomeAsync<T>(HttpMethod method, string path, object? body, Func<T> notFound, CancellationToken cancellationToken) where T : class =>
        await SendAsync<T>(method, path, body, notFoundIsNull: true, cancellationToken).ConfigureAwait(false) ?? notFound();

    private async Task<T?> SendAsync<T>(HttpMethod method, string path, object? body, bool notFoundIsNull, CancellationToken cancellationToken) where T : class
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = JsonContent.Create(body, body.GetType(), options: ShopJson.Options);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound && notFoundIsNull)
                return null;
            if (!response.IsSuccessStatusCode)
            {
                var detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw new ShopUnavailableException(
                    $"The shop answered {method} {path} with {(int)response.StatusCode} {response.ReasonPhrase}{(detail.Length == 0 ? "" : ": " + Truncate(detail))}.");
            }

            return await response.Content.ReadFromJsonAsync<T>(ShopJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient reports its own timeout as a cancellation the caller did not ask for.
            throw new ShopUnavailableException($"The shop did not answer {method} {path} within {http.Timeout.TotalSeconds:0.###} s.", e);
        }
        catch (HttpRequestException e)
        {
            throw new ShopUnavailableException($"The shop could not be reached for {method} {path}: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new ShopUnavailableException($"The shop answered {method} {path} with JSON that does not match the contract: {e.Message}", e);
        }
    }

    private static string Truncate(string s) => s.Length <= 300 ? s : s[..300] + "…";
}
