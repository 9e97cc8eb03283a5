module ladder.lab/modbus

go 1.21

require github.com/simonvetter/modbus v1.6.4

require github.com/goburrow/serial v0.1.0 // indirect
