package main

// The cheat sheet's file formats as a Go program reads and writes them (encoding/json defaults).
import (
	"encoding/json"
	"fmt"
	"os"
)

type WeightsBiases struct {
	HiddenWeights [][][]float64 `json:"hiddenWeights"`
	HiddenBias    [][]float64   `json:"hiddenBias"`
	OutputWeights [][]float64   `json:"outputWeights"`
	OutputBias    []float64     `json:"outputBias"`
}

type MinMax struct {
	MinInput  []float64 `json:"minInput"`
	MaxInput  []float64 `json:"maxInput"`
	MinOutput []float64 `json:"minOutput"`
	MaxOutput []float64 `json:"maxOutput"`
}

func must(err error) {
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(1)
	}
}

func main() {
	var w WeightsBiases
	var m MinMax
	data, err := os.ReadFile(os.Args[1])
	must(err)
	must(json.Unmarshal(data, &w))
	data, err = os.ReadFile(os.Args[2])
	must(err)
	must(json.Unmarshal(data, &m))
	fmt.Printf("go read: outputBias %v, hiddenWeights[0][0] %v, minOutput %v maxOutput %v\n",
		w.OutputBias, w.HiddenWeights[0][0], m.MinOutput, m.MaxOutput)
	w.OutputBias[0] += 1 // a Go-written pair, changed, for mlpviz to read back
	out, _ := json.Marshal(w)
	must(os.WriteFile("go-weights.json", out, 0644))
	out, _ = json.Marshal(m)
	must(os.WriteFile("go-minmax.json", out, 0644))
}
