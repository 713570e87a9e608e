namespace IntentBot.Cli.Teams;

/// <summary>
/// The two icons Teams asks for, drawn from the accent colour: a 192x192 colour icon (a white speech bubble
/// with three dots on the accent colour) and a 32x32 outline icon (the same bubble, white on transparent,
/// the only colours Teams allows there). Shapes are tested in unit coordinates and 4x4 supersampled.
/// </summary>
public static class TeamsIcons
{
    public const int ColorSize = 192;
    public const int OutlineSize = 32;
    private const int Samples = 4;

    public static byte[] Color(string accentColor)
    {
        var (r, g, b) = ParseColor(accentColor);
        var image = new PngImage(ColorSize, ColorSize);
        for (var y = 0; y < ColorSize; y++)
            for (var x = 0; x < ColorSize; x++)
            {
                var white = Coverage(x, y, ColorSize, (u, v) => InBubble(u, v) && !InDot(u, v));
                image.Set(x, y, Mix(r, white), Mix(g, white), Mix(b, white), 255);
            }
        return image.Encode();
    }

    public static byte[] Outline()
    {
        var image = new PngImage(OutlineSize, OutlineSize);
        for (var y = 0; y < OutlineSize; y++)
            for (var x = 0; x < OutlineSize; x++)
            {
                var alpha = Coverage(x, y, OutlineSize, (u, v) => InBubble(u, v) && !InDot(u, v));
                image.Set(x, y, 255, 255, 255, (byte)Math.Round(alpha * 255));
            }
        return image.Encode();
    }

    /// <summary>The share of a pixel's samples inside the shape, 0 to 1.</summary>
    private static double Coverage(int x, int y, int size, Func<double, double, bool> inside)
    {
        var hits = 0;
        for (var sy = 0; sy < Samples; sy++)
            for (var sx = 0; sx < Samples; sx++)
                if (inside((x + (sx + 0.5) / Samples) / size, (y + (sy + 0.5) / Samples) / size)) hits++;
        return hits / (double)(Samples * Samples);
    }

    /// <summary>A rounded rectangle with a tail at its lower left.</summary>
    private static bool InBubble(double u, double v)
    {
        const double left = 0.16, right = 0.84, top = 0.2, bottom = 0.66, radius = 0.12;
        var cx = Math.Clamp(u, left + radius, right - radius);
        var cy = Math.Clamp(v, top + radius, bottom - radius);
        var inBody = u >= left && u <= right && v >= top && v <= bottom
            && (u - cx) * (u - cx) + (v - cy) * (v - cy) <= radius * radius;
        return inBody || InTriangle(u, v, (0.28, 0.6), (0.46, 0.6), (0.24, 0.84));
    }

    private static bool InDot(double u, double v)
    {
        const double radius = 0.055, row = 0.43;
        foreach (var column in (ReadOnlySpan<double>)[0.33, 0.5, 0.67])
            if ((u - column) * (u - column) + (v - row) * (v - row) <= radius * radius) return true;
        return false;
    }

    private static bool InTriangle(double u, double v, (double X, double Y) a, (double X, double Y) b, (double X, double Y) c)
    {
        static double Side(double u, double v, (double X, double Y) p, (double X, double Y) q) =>
            (u - q.X) * (p.Y - q.Y) - (p.X - q.X) * (v - q.Y);
        var d1 = Side(u, v, a, b);
        var d2 = Side(u, v, b, c);
        var d3 = Side(u, v, c, a);
        return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
    }

    private static byte Mix(byte channel, double white) => (byte)Math.Round(channel + (255 - channel) * white);

    private static (byte R, byte G, byte B) ParseColor(string hex) =>
        (Convert.ToByte(hex.Substring(1, 2), 16), Convert.ToByte(hex.Substring(3, 2), 16), Convert.ToByte(hex.Substring(5, 2), 16));
}
