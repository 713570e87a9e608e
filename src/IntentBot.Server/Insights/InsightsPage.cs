using IntentBot.Server.Problems;

namespace IntentBot.Server.Insights;

/// <summary>The insights page at /insights and its files; Chart.js's prebuilt bundle comes from web/node_modules (scripts/ensure-web-deps.sh).</summary>
internal static class InsightsPage
{
    public static void Map(WebApplication app)
    {
        var web = Path.Combine(app.Environment.ContentRootPath, "web");
        var page = Path.Combine(web, "insights");
        app.MapGet("/insights", (HttpContext c) => Serve(c, Path.Combine(page, "index.html"), "text/html; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/insights/insights.js", (HttpContext c) => Serve(c, Path.Combine(page, "insights.js"), "text/javascript; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/insights/insights.css", (HttpContext c) => Serve(c, Path.Combine(page, "insights.css"), "text/css; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/insights/chart.js", (HttpContext c) => Serve(c, Path.Combine(web, "node_modules", "chart.js", "dist", "chart.umd.js"), "text/javascript; charset=utf-8")).ExcludeFromDescription();
    }

    private static IResult Serve(HttpContext context, string path, string contentType)
    {
        if (!File.Exists(path)) return Problem.Status(StatusCodes.Status404NotFound, "Not found", $"{Path.GetFileName(path)} is missing (run ./run.sh, which installs the web packages).");
        context.Response.Headers.CacheControl = "no-cache";
        // Like the desk: customers' words on the page, so no framing, no inline script, nothing from elsewhere.
        context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        return Results.File(path, contentType, lastModified: File.GetLastWriteTimeUtc(path));
    }
}
