using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace IntentBot.Cli.Teams;

/// <summary>
/// Builds the app package Teams sideloads: a zip with manifest.json and the two icons at its root.
/// </summary>
public static class TeamsPackage
{
    // A file people read and edit, not HTML: apostrophes and accents stay as they are.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the zip; throws <see cref="TeamsPackageException"/> naming every configuration problem.</summary>
    public static void Write(string zipPath, TeamsAppOptions options, string botAppId, string home)
    {
        var errors = options.Validate(botAppId).ToList();
        var color = Icon(options.ColorIcon, home, TeamsIcons.ColorSize, "Teams:ColorIcon", errors) ?? TeamsIcons.Color(options.AccentColor);
        var outline = Icon(options.OutlineIcon, home, TeamsIcons.OutlineSize, "Teams:OutlineIcon", errors) ?? TeamsIcons.Outline();
        if (errors.Count > 0) throw new TeamsPackageException(errors);

        var manifest = TeamsManifest.Build(options, botAppId).ToJsonString(Indented);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(zipPath))!);
        using var file = File.Create(zipPath);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        Add(zip, "manifest.json", System.Text.Encoding.UTF8.GetBytes(manifest));
        Add(zip, TeamsManifest.ColorIconFile, color);
        Add(zip, TeamsManifest.OutlineIconFile, outline);
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        entry.Write(content);
    }

    /// <summary>A configured icon file, checked to be a PNG of the size Teams wants; null when none is configured.</summary>
    private static byte[]? Icon(string configured, string home, int size, string key, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(configured)) return null;
        var path = Path.IsPathRooted(configured) ? configured : Path.Combine(home, configured);
        if (!File.Exists(path))
        {
            errors.Add($"{key}: no file at {path}.");
            return null;
        }
        var bytes = File.ReadAllBytes(path);
        var (width, height) = PngSize(bytes);
        if (width != size || height != size)
            errors.Add($"{key}: {path} must be a {size}x{size} PNG" + (width < 0 ? ", and is not a PNG." : $", and is {width}x{height}."));
        return bytes;
    }

    /// <summary>Width and height from a PNG's header chunk; (-1, -1) when the bytes are not a PNG.</summary>
    public static (int Width, int Height) PngSize(ReadOnlySpan<byte> png) =>
        png.Length >= 24 && png[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) && png[12..16].SequenceEqual("IHDR"u8)
            ? (BinaryPrimitives.ReadInt32BigEndian(png[16..]), BinaryPrimitives.ReadInt32BigEndian(png[20..]))
            : (-1, -1);
}

public sealed class TeamsPackageException(IReadOnlyList<string> errors) : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
