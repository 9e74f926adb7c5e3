// Command gen-java-sdk writes the Java SDK of a Pulumi package from its schema with pulumi-java's own
// code generator, the one `pulumi-language-java` calls for `pulumi package gen-sdk --language java`
// (schema bound the same way: types deduplicated first), plus a Maven pom.xml.
//
//	gen-java-sdk -schema sdk/schema.json -out sdk/java
//
// The Java generator lives in github.com/pulumi/pulumi-java/pkg, which is built on an older
// github.com/pulumi/pulumi/pkg/v3 than the other generators (scripts/gen-sdks/go.mod), so it is a
// module of its own. The same go.mod pins the Java language host (its `tool` line), which
// scripts/pulumi-java-install.sh builds: the SDK and the host that runs programs using it are always
// the same pulumi-java release.
//
// The schema's language.java says `buildFiles: "none"`: the generator then writes the sources and
// version.txt only, and this program adds a pom.xml (groupId, artifactId and the com.pulumi:pulumi
// dependency as pulumi-java's Gradle template would name them) and the plugin.json its Gradle build
// would write, so the SDK builds with Maven alone.
// The output depends on the schema and this module's go.mod only: fixed file modes, no timestamps.
//
// scripts/gen-sdks/run.sh builds this program (cached) and runs it; see docs/sdks.md.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"github.com/blang/semver"
	javagen "github.com/pulumi/pulumi-java/pkg/codegen/java"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

func main() {
	schemaPath := flag.String("schema", "", "the package schema (JSON)")
	out := flag.String("out", "", "the folder that receives the Java SDK (replaced as a whole)")
	flag.Parse()
	if *schemaPath == "" || *out == "" || flag.NArg() != 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*schemaPath, *out); err != nil {
		fmt.Fprintf(os.Stderr, "gen-java-sdk: %v\n", err)
		os.Exit(1)
	}
}

func run(schemaPath, out string) error {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("reading the schema: %w", err)
	}
	// As pulumi-language-java's GeneratePackage does: deduplicate types, then bind.
	deduped, diags, err := javagen.DeduplicateTypes(&spec)
	if err != nil {
		return err
	}
	pkg, bindDiags, err := schema.BindSpec(*deduped, noLoader{}, schema.ValidationOptions{})
	if err != nil {
		return fmt.Errorf("binding the schema: %w", err)
	}
	diags = diags.Extend(bindDiags)
	for _, d := range diags {
		fmt.Fprintf(os.Stderr, "gen-java-sdk: schema: %s\n", d.Error())
	}
	if diags.HasErrors() {
		return errors.New("the schema has errors (above)")
	}
	files, err := javagen.GeneratePackage("pulumi-language-java", pkg, nil, nil, false, false)
	if err != nil {
		return err
	}
	pom, err := pomXML(pkg)
	if err != nil {
		return err
	}
	files["pom.xml"] = pom
	if err := addPluginJSON(files, pkg); err != nil {
		return err
	}
	if err := writeTree(out, files); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen-java-sdk: java: %d files in %s\n", len(files), out)
	return nil
}

// The pom.xml of the SDK: the coordinates pulumi-java's Gradle template gives a package
// (group = basePackage or com.pulumi, artifact = the package name), its dependencies from the schema.
var pomTemplate = template.Must(template.New("pom").Parse(`<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by scripts/gen-sdks/java (npm run gen:sdks) next to pulumi-java's generated sources. -->
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 http://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>

  <groupId>{{.GroupID}}</groupId>
  <artifactId>{{.ArtifactID}}</artifactId>
  <version>{{.Version}}</version>
  <packaging>jar</packaging>
  <name>{{.ArtifactID}}</name>
  <description>{{.Description}}</description>
  <licenses>
    <license>
      <name>{{.License}}</name>
    </license>
  </licenses>

  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.release>11</maven.compiler.release>
  </properties>

  <dependencies>
{{- range .Dependencies}}
    <dependency>
      <groupId>{{.GroupID}}</groupId>
      <artifactId>{{.ArtifactID}}</artifactId>
      <version>{{.Version}}</version>
    </dependency>
{{- end}}
  </dependencies>

  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.13.0</version>
      </plugin>
    </plugins>
  </build>
</project>
`))

type coordinates struct{ GroupID, ArtifactID, Version string }

func pomXML(pkg *schema.Package) ([]byte, error) {
	info, ok := pkg.Language["java"].(*javagen.PackageInfo)
	if !ok {
		return nil, errors.New("the generator recorded no Java package information")
	}
	if pkg.Version == nil {
		return nil, errors.New("the schema has no version")
	}
	group := strings.TrimSuffix(info.BasePackage, ".")
	if group == "" {
		group = "com.pulumi"
	}
	var deps []coordinates
	for name, version := range info.Dependencies {
		parts := strings.Split(name, ":")
		if len(parts) != 2 {
			return nil, fmt.Errorf("language.java.dependencies: %q is not groupId:artifactId", name)
		}
		deps = append(deps, coordinates{parts[0], parts[1], version})
	}
	sort.Slice(deps, func(i, j int) bool {
		return deps[i].GroupID+":"+deps[i].ArtifactID < deps[j].GroupID+":"+deps[j].ArtifactID
	})
	var buf bytes.Buffer
	err := pomTemplate.Execute(&buf, struct {
		coordinates
		Description, License string
		Dependencies         []coordinates
	}{coordinates{group, pkg.Name, pkg.Version.String()}, strings.TrimSpace(pkg.Description), pkg.License, deps})
	return buf.Bytes(), err
}

// addPluginJSON writes plugin.json next to the generated version.txt, with the content pulumi-java's
// Gradle build writes there (its genPulumiResources task): the Java SDK reads it to tell the engine
// which provider plugin, at which version, the program needs.
func addPluginJSON(files map[string][]byte, pkg *schema.Package) error {
	for name := range files {
		if path.Base(name) != "version.txt" || !strings.HasPrefix(name, "src/main/resources/") {
			continue
		}
		info := struct {
			Resource bool   `json:"resource"`
			Name     string `json:"name"`
			Version  string `json:"version"`
			Server   string `json:"server,omitempty"`
		}{true, pkg.Name, pkg.Version.String(), pkg.PluginDownloadURL}
		text, err := json.MarshalIndent(info, "", "  ")
		if err != nil {
			return err
		}
		files[path.Join(path.Dir(name), "plugin.json")] = append(text, '\n')
		return nil
	}
	return errors.New("the Java generator wrote no src/main/resources/.../version.txt")
}

// writeTree replaces dir with exactly files (paths relative to dir, '/'-separated), with fixed
// permissions so the same input gives the same tree.
func writeTree(dir string, files map[string][]byte) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	for name, data := range files {
		target := filepath.Join(dir, filepath.FromSlash(name))
		if !strings.HasPrefix(target, filepath.Clean(dir)+string(filepath.Separator)) {
			return fmt.Errorf("the generator named a file outside the output folder: %q", name)
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// noLoader refuses every other package: the schema references none, so a reference to one is a bug.
type noLoader struct{}

func (noLoader) refuse(name string) error {
	return fmt.Errorf("the schema references package %q; gen-java-sdk generates self-contained packages only", name)
}

func (l noLoader) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, l.refuse(name)
}

func (l noLoader) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, l.refuse(d.Name)
}
