// The Go driver of tests/engine/languages.test.ts: runs a Go Pulumi program's function as an
// Automation API inline program (the language runtime runs in this process, so the real `pulumi` CLI
// on PATH needs no Go language host), one engine operation per request.
//
// The test builds this file together with examples/go/main.go, unchanged, into one package main. That
// file's main() would call pulumi.Run(wickrSSO) as under `pulumi up`; here init() runs first, drives
// the same wickrSSO through auto.UpsertStackInlineSource and exits, so main() never runs.
//
// Requests are JSON lines on stdin, answers JSON lines on stdout (see the Python driver, which speaks
// the same protocol): setConfig, up, preview, previewRefresh (expectNoChanges), destroy, outputs,
// remove. The first line, once the stack is selected, is {"ready": true}.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optremove"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

type request struct {
	Op              string                 `json:"op"`
	ExpectNoChanges bool                   `json:"expectNoChanges"`
	Config          map[string]configValue `json:"config"`
}

type configValue struct {
	Value  string `json:"value"`
	Secret bool   `json:"secret"`
}

func init() {
	project := flag.String("project", "", "the project name (the work folder's Pulumi.yaml names it too)")
	stackName := flag.String("stack", "", "the stack name")
	workDir := flag.String("work-dir", "", "the work folder, holding Pulumi.yaml")
	programName := flag.String("program", "example", "example (wickrSSO of examples/go/main.go) or plain-invoke")
	flag.Parse()
	programs := map[string]pulumi.RunFunc{"example": wickrSSO, "plain-invoke": plainInvoke}
	program, known := programs[*programName]
	if *project == "" || *stackName == "" || *workDir == "" || !known {
		fmt.Fprintln(os.Stderr, "driver: -project, -stack and -work-dir are required; -program is example or plain-invoke")
		os.Exit(2)
	}
	// Answers go to the real stdout; anything else this process prints goes to stderr.
	answers := json.NewEncoder(os.Stdout)
	os.Stdout = os.Stderr

	ctx := context.Background()
	stack, err := auto.UpsertStackInlineSource(ctx, *stackName, *project, program, auto.WorkDir(*workDir))
	if err != nil {
		fmt.Fprintf(os.Stderr, "driver: selecting the stack: %v\n", err)
		os.Exit(1)
	}
	_ = answers.Encode(map[string]bool{"ready": true})

	lines := bufio.NewScanner(os.Stdin)
	lines.Buffer(make([]byte, 1<<20), 1<<20)
	for lines.Scan() {
		var req request
		answer := map[string]any{}
		var printed bytes.Buffer
		err := json.Unmarshal(lines.Bytes(), &req)
		if err == nil {
			err = handle(ctx, stack, req, &printed, answer)
		}
		answer["ok"] = err == nil
		answer["output"] = printed.String()
		if err != nil {
			answer["error"] = err.Error()
		}
		_ = answers.Encode(answer)
	}
	os.Exit(0)
}

func handle(ctx context.Context, stack auto.Stack, req request, printed io.Writer, answer map[string]any) error {
	switch req.Op {
	case "setConfig":
		config := auto.ConfigMap{}
		for key, value := range req.Config {
			config[key] = auto.ConfigValue{Value: value.Value, Secret: value.Secret}
		}
		return stack.SetAllConfig(ctx, config)
	case "up":
		result, err := stack.Up(ctx, optup.ProgressStreams(printed), optup.ErrorProgressStreams(printed))
		if err == nil && result.Summary.ResourceChanges != nil {
			answer["resourceChanges"] = *result.Summary.ResourceChanges
		}
		return err
	case "preview":
		opts := []optpreview.Option{optpreview.ProgressStreams(printed), optpreview.ErrorProgressStreams(printed)}
		if req.ExpectNoChanges {
			opts = append(opts, optpreview.ExpectNoChanges())
		}
		result, err := stack.Preview(ctx, opts...)
		answer["changeSummary"] = result.ChangeSummary
		return err
	case "previewRefresh":
		opts := []optrefresh.Option{optrefresh.ProgressStreams(printed), optrefresh.ErrorProgressStreams(printed)}
		if req.ExpectNoChanges {
			opts = append(opts, optrefresh.ExpectNoChanges())
		}
		result, err := stack.PreviewRefresh(ctx, opts...)
		answer["changeSummary"] = result.ChangeSummary
		return err
	case "destroy":
		_, err := stack.Destroy(ctx, optdestroy.ProgressStreams(printed), optdestroy.ErrorProgressStreams(printed))
		return err
	case "outputs":
		outputs, err := stack.Outputs(ctx)
		converted := map[string]any{}
		for key, output := range outputs {
			converted[key] = map[string]any{"value": output.Value, "secret": output.Secret}
		}
		answer["outputs"] = converted
		return err
	case "remove":
		return stack.Workspace().RemoveStack(ctx, stack.Name(), optremove.Force())
	default:
		return fmt.Errorf("unknown op %q", req.Op)
	}
}
