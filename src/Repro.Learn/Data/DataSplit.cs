using System.Globalization;

namespace Repro.Learn;

/// <summary>Seeded, stratified splits of a data set. The same seed always gives the same rows.</summary>
public static class DataSplit
{
    /// <summary>
    /// Holds out <c>ceil(testSize · rows)</c> rows for testing, keeping every class in proportion
    /// (each class gets its share rounded down, the remaining rows go to the classes with the largest
    /// remainders, lower class index first on ties). Both parts keep the original row order.
    /// </summary>
    /// <param name="data">The data to split.</param>
    /// <param name="testSize">Fraction of rows to hold out, strictly between 0 and 1.</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <exception cref="InvalidOptionException"><paramref name="testSize"/> is outside (0, 1), or a class has fewer than 2 rows, or either part would have fewer rows than there are classes.</exception>
    public static TrainTestSplit TrainTest(Dataset data, double testSize, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(testSize > 0 && testSize < 1))
        {
            throw new InvalidOptionException(ErrorCodes.InvalidOption, nameof(testSize), string.Create(CultureInfo.InvariantCulture, $"{testSize} is not strictly between 0 and 1. Use for example 0.2 to hold out a fifth of the rows."));
        }

        var n = data.Rows;
        var nTest = (int)Math.Ceiling(testSize * n);
        var counts = data.ClassCounts();
        var present = 0;
        for (var c = 0; c < counts.Length; c++)
        {
            if (counts[c] == 1)
            {
                throw new InvalidOptionException(ErrorCodes.CannotSplit, nameof(data), $"class '{data.Classes[c]}' has only 1 row; stratifying needs at least 2 per class. Add rows or drop the class.");
            }

            present += counts[c] > 0 ? 1 : 0;
        }

        if (nTest < present || n - nTest < present)
        {
            throw new InvalidOptionException(ErrorCodes.CannotSplit, nameof(testSize), $"a test set of {nTest} and a training set of {n - nTest} rows cannot both hold all {present} classes. Choose a test size that leaves at least one row of each class on both sides.");
        }

        var testPerClass = Allocate(counts, nTest);
        var rng = new Xoshiro256StarStar(seed);
        var isTest = new bool[n];
        foreach (var rows in RowsByClass(data))
        {
            rng.Shuffle(rows.Rows.AsSpan());
            for (var i = 0; i < testPerClass[rows.Class]; i++)
            {
                isTest[rows.Rows[i]] = true;
            }
        }

        return ByMask(data, isTest);
    }

    /// <summary>
    /// Uses exactly the given rows as the test set and the others, in original order, as the
    /// training set; for reproducing a split made elsewhere.
    /// </summary>
    public static TrainTestSplit ByTestRows(Dataset data, IReadOnlyList<int> testRows)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(testRows);
        var isTest = new bool[data.Rows];
        foreach (var row in testRows)
        {
            if (row < 0 || row >= data.Rows || isTest[row])
            {
                throw new InvalidOptionException(ErrorCodes.InvalidOption, nameof(testRows), $"row {row} is outside 0..{data.Rows - 1} or listed twice.");
            }

            isTest[row] = true;
        }

        var train = new List<int>(data.Rows - testRows.Count);
        for (var row = 0; row < data.Rows; row++)
        {
            if (!isTest[row])
            {
                train.Add(row);
            }
        }

        var test = testRows.ToArray();
        return new TrainTestSplit(data.Subset(train), data.Subset(test), test);
    }

    /// <summary>
    /// Stratified k-fold cross-validation: each class's rows are shuffled with <paramref name="seed"/>
    /// and dealt to the folds in turn. Fold <c>i</c> is the test set of the <c>i</c>-th split.
    /// </summary>
    /// <exception cref="InvalidOptionException"><paramref name="folds"/> is below 2 or above the number of rows.</exception>
    public static IReadOnlyList<TrainTestSplit> KFold(Dataset data, int folds, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (folds < 2 || folds > data.Rows)
        {
            throw new InvalidOptionException(ErrorCodes.InvalidOption, nameof(folds), $"{folds} folds are not possible with {data.Rows} rows. Use between 2 and the number of rows.");
        }

        var rng = new Xoshiro256StarStar(seed);
        var foldOf = new int[data.Rows];
        var dealt = 0;
        foreach (var rows in RowsByClass(data))
        {
            rng.Shuffle(rows.Rows.AsSpan());
            foreach (var row in rows.Rows)
            {
                foldOf[row] = dealt % folds;
                dealt++;
            }
        }

        var splits = new TrainTestSplit[folds];
        for (var fold = 0; fold < folds; fold++)
        {
            var isTest = new bool[data.Rows];
            for (var row = 0; row < data.Rows; row++)
            {
                isTest[row] = foldOf[row] == fold;
            }

            splits[fold] = ByMask(data, isTest);
        }

        return splits;
    }

    private static TrainTestSplit ByMask(Dataset data, bool[] isTest)
    {
        var train = new List<int>();
        var test = new List<int>();
        for (var row = 0; row < isTest.Length; row++)
        {
            (isTest[row] ? test : train).Add(row);
        }

        return new TrainTestSplit(data.Subset(train), data.Subset(test), test.ToArray());
    }

    private static IEnumerable<(int Class, int[] Rows)> RowsByClass(Dataset data)
    {
        var counts = data.ClassCounts();
        var rows = new int[counts.Length][];
        var filled = new int[counts.Length];
        for (var c = 0; c < counts.Length; c++)
        {
            rows[c] = new int[counts[c]];
        }

        var labels = data.Labels;
        for (var row = 0; row < labels.Length; row++)
        {
            rows[labels[row]][filled[labels[row]]++] = row;
        }

        for (var c = 0; c < counts.Length; c++)
        {
            yield return (c, rows[c]);
        }
    }

    /// <summary>Largest-remainder allocation of <paramref name="total"/> rows over the classes.</summary>
    private static int[] Allocate(int[] counts, int total)
    {
        var n = 0L;
        foreach (var count in counts)
        {
            n += count;
        }

        var shares = new int[counts.Length];
        var remainders = new long[counts.Length];
        var given = 0;
        for (var c = 0; c < counts.Length; c++)
        {
            var exact = (long)counts[c] * total;
            shares[c] = (int)(exact / n);
            remainders[c] = exact % n;
            given += shares[c];
        }

        var order = Enumerable.Range(0, counts.Length)
            .OrderByDescending(c => remainders[c])
            .ThenBy(c => c)
            .ToArray();
        for (var i = 0; given < total; i++)
        {
            var c = order[i % order.Length];
            if (shares[c] < counts[c])
            {
                shares[c]++;
                given++;
            }
        }

        return shares;
    }
}
