using System.Globalization;
using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace Repro.Plots;

/// <summary>
/// The plots of run and group reports as SVG text, 640×400. The same input gives the same bytes on every machine and
/// in every culture, so a plot is an artifact like any other: hashed, and compared when a run is reproduced.
/// </summary>
public static class SvgPlots
{
    /// <summary>A series as a line: the step across, the value up.</summary>
    /// <param name="metric">The metric's name: the plot's title and the value axis's.</param>
    /// <param name="points">The series in the order it was logged.</param>
    public static string Series(string metric, IReadOnlyList<(long Step, double Value)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var model = SvgCanvas.Page(metric);
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "step", MajorGridlineStyle = LineStyle.Dot });
        model.Axes.Add(SvgCanvas.ValueAxis(metric));
        var line = new LineSeries
        {
            Color = SvgCanvas.Ink,
            // Every point drawn: OxyPlot otherwise drops points closer than 2 pixels to the last.
            MinimumSegmentLength = 0,
            // A lone point has no line to show it.
            MarkerType = points.Count == 1 ? MarkerType.Circle : MarkerType.None,
            MarkerFill = SvgCanvas.Ink,
        };
        line.Points.AddRange(points.Select(p => new DataPoint(p.Step, p.Value)));
        model.Series.Add(line);
        return SvgCanvas.Export(model);
    }

    /// <summary>A seed group: each seed's value, the mean as a line, and the confidence interval as a band.</summary>
    /// <param name="metric">The metric's name.</param>
    /// <param name="values">Each member run's seed and value, in the order to show them.</param>
    /// <param name="mean">The mean over the group.</param>
    /// <param name="ciLow">The interval's lower end, or null when there is none (a group of one).</param>
    /// <param name="ciHigh">The interval's upper end, or null.</param>
    public static string SeedGroup(string metric, IReadOnlyList<(long Seed, double Value)> values, double mean, double? ciLow, double? ciHigh)
    {
        ArgumentNullException.ThrowIfNull(values);
        var model = SvgCanvas.Page(metric);
        var seeds = new CategoryAxis { Position = AxisPosition.Bottom, Title = "seed" };
        seeds.Labels.AddRange(values.Select(v => v.Seed.ToString(CultureInfo.InvariantCulture)));
        model.Axes.Add(seeds);

        // Annotations do not stretch the axis: size it to hold the interval and the mean as well as the points.
        var ends = values.Select(v => v.Value).Append(mean).Concat(new[] { ciLow, ciHigh }.OfType<double>()).ToArray();
        var valueAxis = SvgCanvas.ValueAxis(metric);
        (valueAxis.Minimum, valueAxis.Maximum) = Padded(ends.Min(), ends.Max());
        model.Axes.Add(valueAxis);

        if (ciLow is { } low && ciHigh is { } high)
        {
            model.Annotations.Add(new RectangleAnnotation
            {
                MinimumY = low,
                MaximumY = high,
                Fill = SvgCanvas.Band,
                Text = string.Create(CultureInfo.InvariantCulture, $"CI {low:G4} to {high:G4}"),
                TextHorizontalAlignment = OxyPlot.HorizontalAlignment.Left,
            });
        }

        model.Annotations.Add(new LineAnnotation
        {
            Type = LineAnnotationType.Horizontal,
            Y = mean,
            Color = SvgCanvas.Accent,
            LineStyle = LineStyle.Solid,
            Text = string.Create(CultureInfo.InvariantCulture, $"mean {mean:G4}"),
        });
        var points = new ScatterSeries { MarkerType = MarkerType.Circle, MarkerFill = SvgCanvas.Ink, MarkerSize = 4 };
        points.Points.AddRange(values.Select((v, i) => new ScatterPoint(i, v.Value)));
        model.Series.Add(points);
        return SvgCanvas.Export(model);
    }

    /// <summary>
    /// A sweep: the metric against one swept parameter, every run a point and a line through the mean at each
    /// parameter value. The axis is numeric when every value reads as an invariant number, else one category per value.
    /// </summary>
    /// <param name="metric">The metric's name.</param>
    /// <param name="parameter">The swept parameter's name.</param>
    /// <param name="points">Each run's parameter value, verbatim, and metric; a value may repeat (several seeds).</param>
    public static string Sweep(string metric, string parameter, IReadOnlyList<(string ParameterValue, double Value)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var model = SvgCanvas.Page($"{metric} by {parameter}");
        var numbers = points.Select(p => Number(p.ParameterValue)).ToArray();
        var numeric = numbers.All(n => n is not null);
        Func<string, double> position;
        if (numeric)
        {
            model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = parameter, MajorGridlineStyle = LineStyle.Dot });
            position = text => Number(text)!.Value;
        }
        else
        {
            var categories = points.Select(p => p.ParameterValue).Distinct().Order(StringComparer.Ordinal).ToList();
            var axis = new CategoryAxis { Position = AxisPosition.Bottom, Title = parameter };
            axis.Labels.AddRange(categories);
            model.Axes.Add(axis);
            position = text => categories.IndexOf(text);
        }

        model.Axes.Add(SvgCanvas.ValueAxis(metric));
        var means = new LineSeries { Color = SvgCanvas.Accent, MinimumSegmentLength = 0 };
        means.Points.AddRange(points
            .GroupBy(p => position(p.ParameterValue))
            .OrderBy(g => g.Key)
            .Select(g => new DataPoint(g.Key, g.Average(p => p.Value))));
        var runs = new ScatterSeries { MarkerType = MarkerType.Circle, MarkerFill = SvgCanvas.Ink, MarkerSize = 4 };
        runs.Points.AddRange(points.Select(p => new ScatterPoint(position(p.ParameterValue), p.Value)));
        model.Series.Add(means);
        model.Series.Add(runs);
        return SvgCanvas.Export(model);
    }

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    private static (double Minimum, double Maximum) Padded(double low, double high)
    {
        var pad = high > low ? (high - low) * 0.1 : Math.Max(Math.Abs(high) * 0.05, 1e-3);
        return (low - pad, high + pad);
    }
}
