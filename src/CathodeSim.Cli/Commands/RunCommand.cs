using System.CommandLine;

namespace CathodeSim.Cli.Commands;

/// <summary>`cathodesim run CONFIG`: simulate the protocol of a config and write its results.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var config = CommonOptions.Config();
        var output = CommonOptions.Output();
        var json = CommonOptions.Json();
        var set = CommonOptions.Set();
        var device = CommonOptions.Device();
        var command = new Command("run", """
            Simulate a cell through the protocol of a YAML config; print a summary per cycle and write
            <name>.h5 (time series, step summaries, x-profiles, resolved config), <name>_timeseries.csv,
            <name>_steps.csv and <name>_voltage.png.

            Example:
              cathodesim run configs/b-ncm-65.yaml --set temperature="0 degC" --output out/cold --json
            """)
        {
            config, output, json, set, device,
        };
        command.SetAction(parse =>
        {
            var options = new RunOptions(parse.GetValue(config)!, parse.GetValue(output), parse.GetValue(json), parse.GetValue(set) ?? [], parse.GetValue(device)!);
            return (int)new RunService(context).Execute(options);
        });
        return command;
    }
}
