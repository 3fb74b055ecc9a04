export function App() {
  return <h1>Palisade</h1>;
}
