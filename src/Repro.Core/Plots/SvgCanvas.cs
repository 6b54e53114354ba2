using System.Globalization;
using OxyPlot;
using OxyPlot.Axes;

namespace Repro.Plots;

/// <summary>
/// The page every plot is drawn on, and its export to SVG text that is the same byte for byte on every machine:
/// a fixed size, invariant numbers, text measured with OxyPlot's built-in Helvetica metrics (no system fonts), and
/// '\n' line ends.
/// </summary>
internal static class SvgCanvas
{
    public const int Width = 640;
    public const int Height = 400;

    /// <summary>Measured as Helvetica by OxyPlot whatever the name; drawn with whichever of these the viewer has.</summary>
    private const string Font = "Helvetica, Arial, sans-serif";

    public static readonly OxyColor Ink = OxyColor.FromRgb(31, 119, 180);
    public static readonly OxyColor Accent = OxyColor.FromRgb(214, 39, 40);
    public static readonly OxyColor Band = OxyColor.FromArgb(48, 214, 39, 40);

    public static PlotModel Page(string title) => new()
    {
        Title = title,
        DefaultFont = Font,
        Culture = CultureInfo.InvariantCulture,
        Background = OxyColors.White,
    };

    public static LinearAxis ValueAxis(string metric) => new()
    {
        Position = AxisPosition.Left,
        Title = metric,
        MajorGridlineStyle = LineStyle.Dot,
    };

    public static string Export(PlotModel model)
    {
        // OxyPlot writes colours with the current culture: pin it for the export.
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            var svg = SvgExporter.ExportToString(model, Width, Height, isDocument: false);
            return svg.ReplaceLineEndings("\n");
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
