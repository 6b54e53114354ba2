using Microsoft.ML;

namespace Repro.MLNet;

/// <summary>Saving ML.NET models into the run's artifacts.</summary>
public static class RunModels
{
    extension(ExperimentRun run)
    {
        /// <summary>
        /// Saves <paramref name="model"/> as the artifact <paramref name="name"/> in canonical form (see
        /// <see cref="CanonicalModel"/>): the same model is the same bytes on every save and every machine, so the
        /// file's hash identifies the model. The file appears whole or not at all.
        /// </summary>
        /// <param name="ml">The context that trained the model.</param>
        /// <param name="model">The fitted model.</param>
        /// <param name="schema">The schema of the model's input, as for <c>ml.Model.Save</c>.</param>
        /// <param name="name">The artifact's name, <c>model.zip</c> by default.</param>
        /// <remarks>The model's pipeline steps are recorded too (model-shape.json, run.json's <c>pipelines</c>) when <paramref name="schema"/> is given.</remarks>
        /// <returns>The full path of the saved model.</returns>
        /// <exception cref="ExperimentException">REPRO2005 when <paramref name="name"/> leaves the artifacts folder.</exception>
        public string SaveModel(MLContext ml, ITransformer model, DataViewSchema schema, string name = "model.zip")
        {
            ArgumentNullException.ThrowIfNull(ml);
            ArgumentNullException.ThrowIfNull(model);
            var path = run.ArtifactPath(name);
            var temporary = path + ".tmp";
            try
            {
                // ML.NET's own save goes to a scratch file, not memory, so a large model costs disk, not RAM.
                using (var saved = new FileStream(path + ".mlnet.tmp", FileMode.Create, FileAccess.ReadWrite, FileShare.None,
                           bufferSize: 81920, FileOptions.DeleteOnClose))
                using (var canonical = File.Create(temporary))
                {
                    ml.Model.Save(model, schema, saved);
                    saved.Position = 0;
                    CanonicalModel.Write(saved, canonical);
                }

                File.Move(temporary, path, overwrite: true);
                // model.zip keeps the transformers but not in a form two runs compare by, so the steps are recorded beside it.
                if (schema is not null)
                {
                    run.RecordPipeline(name, PipelineShape.Steps(model, schema));
                }

                return path;
            }
            finally
            {
                File.Delete(temporary);
            }
        }
    }
}
