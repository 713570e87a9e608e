using System.Globalization;
using IntentBot.Agent.Engine;

namespace IntentBot.Agent.Desk;

/// <summary>When people answer: open or not at an instant, and the next opening, in the shop's time zone.</summary>
public sealed class ServiceHours
{
    private readonly ServiceHoursOptions _options;
    private readonly TimeZoneInfo _zone;

    public ServiceHours(ServiceHoursOptions options)
    {
        _options = options;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
    }

    /// <summary>True when no days are configured (always staffed).</summary>
    public bool AlwaysOpen => _options.Days.Count == 0;

    public bool IsOpen(DateTimeOffset utc)
    {
        if (AlwaysOpen) return true;
        var local = TimeZoneInfo.ConvertTime(utc, _zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return _options.Days.Contains(local.DayOfWeek) && time >= _options.Opens && time < _options.Closes;
    }

    /// <summary>The next opening after <paramref name="utc"/>, in the shop's local time; null when always open.</summary>
    public DateTime? NextOpening(DateTimeOffset utc)
    {
        if (AlwaysOpen) return null;
        var local = TimeZoneInfo.ConvertTime(utc, _zone).DateTime;
        for (var day = 0; day <= 7; day++)
        {
            var date = local.Date.AddDays(day);
            var opening = date + _options.Opens.ToTimeSpan();
            if (_options.Days.Contains(date.DayOfWeek) && opening > local) return opening;
        }
        return null;
    }

    /// <summary>The same in Chinese, from the days, times and zone: "周一至周五 09:00–17:00（柏林时间）".</summary>
    public string DescribeChinese() =>
        $"{ChineseHours.Days(_options.Days)} {_options.Opens:HH\\:mm}–{_options.Closes:HH\\:mm}（{ChineseHours.Zone(_options.TimeZone)}）";

    /// <summary>"Monday to Friday, 09:00–17:00 (Europe/Berlin)" style text for customers.</summary>
    public string Describe()
    {
        var days = string.Join(", ", _options.Days.Distinct().OrderBy(d => ((int)d + 6) % 7).Select(d => CultureInfo.InvariantCulture.DateTimeFormat.GetDayName(d)));
        return $"{days}, {_options.Opens:HH\\:mm}–{_options.Closes:HH\\:mm} ({_options.TimeZone})";
    }
}
