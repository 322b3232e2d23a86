// npm's vnu-jar: the path of vnu.jar, the Nu Html Checker.
declare module 'vnu-jar' {
  const jar: string;
  export default jar;
}
