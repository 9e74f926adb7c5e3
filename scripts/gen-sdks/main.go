// Command gen-sdks writes the Go, Python and .NET SDKs of a Pulumi package from its schema, with the
// same code generators the Pulumi CLI's language hosts call for `pulumi package gen-sdk` (those hosts
// are not needed: the generators are libraries). The Java SDK has a generator of its own (java/).
//
//	gen-sdks -schema sdk/schema.json -out sdk [-languages go,python,dotnet]
//
// Each language's folder (<out>/go, <out>/python, <out>/dotnet) is replaced as a whole. The output
// depends on the schema and on the generators' versions (this module's go.mod) only: files are
// written with fixed permissions, no timestamps. Three additions to what the generators write, each
// explained at its function: the Go SDK's go.mod (withGoMod), the Python project's README.md next to
// its pyproject.toml (withPythonReadme), and a .NET target that is still supported (withSupportedDotnet).
//
// scripts/gen-sdks/run.sh builds this program (cached) and runs it; see docs/sdks.md.
package main

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/blang/semver"
	dotnetgen "github.com/pulumi/pulumi-dotnet/pulumi-language-dotnet/v3/codegen"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	pythongen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"golang.org/x/mod/modfile"
)

// The module whose version the generated Go SDK requires.
const pulumiGoSDK = "github.com/pulumi/pulumi/sdk/v3"

// Every language this program generates, in the order it generates them.
var allLanguages = []string{"go", "python", "dotnet"}

// The .NET generator downloads the package's logo (the schema's logoUrl, else a Pulumi logo on
// GitHub) into the SDK as logo.png. Generation must not depend on the network, so this program
// answers that one request with its own logo and refuses any other.
//
//go:embed logo.png
var logo []byte

// The logo the .NET generator fetches when the schema names none (pulumi-language-dotnet codegen).
const dotnetDefaultLogoURL = "https://raw.githubusercontent.com/pulumi/pulumi/" +
	"dbc96206bec722b7791a22ff50e895ab7c0abdc0/sdk/dotnet/pulumi_logo_64x64.png"

// offline is the HTTP transport of this process: the logo, and no network.
type offline struct{ logoURLs map[string]bool }

func (o offline) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodGet || !o.logoURLs[req.URL.String()] {
		return nil, fmt.Errorf("gen-sdks makes no network requests (a generator asked for %s %s)", req.Method, req.URL)
	}
	return &http.Response{
		StatusCode:    http.StatusOK,
		Status:        "200 OK",
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": []string{"image/png"}},
		Body:          io.NopCloser(bytes.NewReader(logo)),
		ContentLength: int64(len(logo)),
		Request:       req,
	}, nil
}

func main() {
	schemaPath := flag.String("schema", "", "the package schema (JSON)")
	out := flag.String("out", "", "the folder that receives one subfolder per language")
	languages := flag.String("languages", strings.Join(allLanguages, ","), "comma-separated: "+strings.Join(allLanguages, ", "))
	flag.Parse()
	if *schemaPath == "" || *out == "" || flag.NArg() != 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*schemaPath, *out, strings.Split(*languages, ",")); err != nil {
		fmt.Fprintf(os.Stderr, "gen-sdks: %v\n", err)
		os.Exit(1)
	}
}

func run(schemaPath, out string, languages []string) error {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var header struct {
		LogoURL string `json:"logoUrl"`
	}
	if err := json.Unmarshal(raw, &header); err != nil {
		return fmt.Errorf("reading the schema: %w", err)
	}
	logoURLs := map[string]bool{dotnetDefaultLogoURL: true}
	if header.LogoURL != "" {
		logoURLs[header.LogoURL] = true
	}
	http.DefaultTransport = offline{logoURLs}
	for _, language := range languages {
		files, err := generate(language, raw)
		if err != nil {
			return fmt.Errorf("%s: %w", language, err)
		}
		if err := writeTree(filepath.Join(out, language), files); err != nil {
			return fmt.Errorf("%s: %w", language, err)
		}
		fmt.Fprintf(os.Stderr, "gen-sdks: %s: %d files in %s\n", language, len(files), filepath.Join(out, language))
	}
	return nil
}

// generate binds the schema afresh (each generator records its own language options on the package)
// and runs one language's generator, as that language's host does for `pulumi package gen-sdk`.
func generate(language string, raw []byte) (map[string][]byte, error) {
	pkg, err := bind(raw)
	if err != nil {
		return nil, err
	}
	switch language {
	case "go":
		files, err := gogen.GeneratePackage("pulumi-language-go", pkg, nil)
		if err != nil {
			return nil, err
		}
		return withGoMod(files, pkg)
	case "python":
		files, err := pythongen.GeneratePackage("pulumi-language-python", pkg, nil, noLoader{})
		if err != nil {
			return nil, err
		}
		return withPythonReadme(files)
	case "dotnet":
		files, err := dotnetgen.GeneratePackage("pulumi-language-dotnet", pkg, nil, nil)
		if err != nil {
			return nil, err
		}
		return withSupportedDotnet(files)
	default:
		return nil, fmt.Errorf("unknown language (expected one of %s)", strings.Join(allLanguages, ", "))
	}
}

// bind validates the schema against Pulumi's metaschema and binds it; any error diagnostic fails.
func bind(raw []byte) (*schema.Package, error) {
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return nil, fmt.Errorf("reading the schema: %w", err)
	}
	pkg, diags, err := schema.BindSpec(spec, noLoader{}, schema.ValidationOptions{})
	if err != nil {
		return nil, fmt.Errorf("binding the schema: %w", err)
	}
	for _, d := range diags {
		fmt.Fprintf(os.Stderr, "gen-sdks: schema: %s\n", d.Error())
	}
	if diags.HasErrors() {
		return nil, errors.New("the schema has errors (above)")
	}
	return pkg, nil
}

// withGoMod adds the Go SDK's go.mod: `pulumi package gen-sdk` writes none (outside `package add`),
// and without one the SDK can be neither built nor required. The module is the import base path's
// parent, so the package `<module>/<name>` is the folder the generator wrote.
func withGoMod(files map[string][]byte, pkg *schema.Package) (map[string][]byte, error) {
	info, _ := pkg.Language["go"].(gogen.GoPackageInfo)
	if info.ImportBasePath == "" {
		return nil, errors.New("the schema names no language.go.importBasePath")
	}
	sdkVersion, err := buildVersion(pulumiGoSDK)
	if err != nil {
		return nil, err
	}
	var mod modfile.File
	if err := mod.AddModuleStmt(path.Dir(info.ImportBasePath)); err != nil {
		return nil, err
	}
	if err := mod.AddGoStmt("1.25"); err != nil {
		return nil, err
	}
	if err := mod.AddRequire(pulumiGoSDK, sdkVersion); err != nil {
		return nil, err
	}
	text, err := mod.Format()
	if err != nil {
		return nil, err
	}
	files["go.mod"] = text
	return files, nil
}

// withPythonReadme adds README.md next to pyproject.toml: the generated pyproject.toml names it as the
// project's readme, but the generator writes the package's README into the package folder only (Pulumi's
// own provider builds copy it up; without it setuptools warns and the package has no description).
func withPythonReadme(files map[string][]byte) (map[string][]byte, error) {
	if _, ok := files["pyproject.toml"]; !ok {
		return files, nil
	}
	var readme []byte
	for name, text := range files {
		if path.Base(name) == "README.md" && strings.Count(name, "/") == 1 {
			readme = text
		}
	}
	if readme == nil {
		return nil, errors.New("the Python generator wrote no <package>/README.md to copy next to pyproject.toml")
	}
	files["README.md"] = readme
	return files, nil
}

// The .NET the generated project targets, and the one the generator writes. pulumi-language-dotnet's
// template keeps net6.0 on purpose ("as low as possible"; still so in v3.112.1), but .NET 6 left
// Microsoft's support in November 2024; net8.0 is the oldest .NET in support (LTS until November 2026;
// a project on a later .NET can still reference it).
const (
	dotnetTarget    = "<TargetFramework>net8.0</TargetFramework>"
	dotnetGenerated = "<TargetFramework>net6.0</TargetFramework>"
)

// withSupportedDotnet makes the .csproj target dotnetTarget; it fails when the generator's template no
// longer writes exactly one dotnetGenerated line, so a generator upgrade is looked at, not patched blind.
func withSupportedDotnet(files map[string][]byte) (map[string][]byte, error) {
	for name, text := range files {
		if !strings.HasSuffix(name, ".csproj") {
			continue
		}
		if n := bytes.Count(text, []byte(dotnetGenerated)); n != 1 {
			return nil, fmt.Errorf("%s: expected one %s from the generator, found %d", name, dotnetGenerated, n)
		}
		files[name] = bytes.Replace(text, []byte(dotnetGenerated), []byte(dotnetTarget), 1)
		return files, nil
	}
	return nil, errors.New("the .NET generator wrote no .csproj")
}

// buildVersion is the version of a module this program is built with (from its go.mod).
func buildVersion(module string) (string, error) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "", errors.New("no build information in this binary")
	}
	for _, dep := range info.Deps {
		if dep.Path == module {
			if dep.Replace != nil {
				return dep.Replace.Version, nil
			}
			return dep.Version, nil
		}
	}
	return "", fmt.Errorf("%s is not a dependency of this binary", module)
}

// writeTree replaces dir with exactly files (paths relative to dir, '/'-separated), with fixed
// permissions so the same input gives the same tree.
func writeTree(dir string, files map[string][]byte) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		target := filepath.Join(dir, filepath.FromSlash(name))
		if !strings.HasPrefix(target, filepath.Clean(dir)+string(filepath.Separator)) {
			return fmt.Errorf("the generator named a file outside the output folder: %q", name)
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// noLoader refuses every other package: the schema references none, so a reference to one is a bug.
type noLoader struct{}

func (noLoader) refuse(name string) error {
	return fmt.Errorf("the schema references package %q; gen-sdks generates self-contained packages only", name)
}

func (l noLoader) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, l.refuse(name)
}

func (l noLoader) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, l.refuse(d.Name)
}

func (l noLoader) LoadPackageReference(name string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, l.refuse(name)
}

func (l noLoader) LoadPackageReferenceV2(
	_ context.Context, d *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	return nil, l.refuse(d.Name)
}
